import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { errorMessage } from "../../../components/error-state/error-message";
import { isApiError } from "../../../lib/api-error";
import { useSubmitOnce } from "../../../lib/use-submit-once";
import { login, meQueryKey } from "../../../shared/session";
import { LanguageSwitch } from "../../../shell/language-switch";

interface Values {
  email: string;
  password: string;
}

/** §4.1.1: email + password, one message for every credential failure, then the workspace. */
export function LoginPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [submit, pending] = useSubmitOnce(async (values: Values) => {
    setError(null);
    try {
      await login(values.email.trim(), values.password);
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      const next = params.get("next");
      navigate(next?.startsWith("/") && !next.startsWith("//") ? next : "/workspace", { replace: true });
    } catch (e) {
      // Unknown account, wrong password and disabled account read the same (no account probing).
      if (isApiError(e) && (e.status === 401 || e.status === 403 || e.status === 400 || e.status === 404)) {
        setError(t("login.invalidCredentials"));
      } else {
        setError(errorMessage(e, t));
      }
    }
  });

  return (
    <main className="infera-login">
      <section className="infera-login-intro">
        <Typography.Title level={2}>Infera</Typography.Title>
        <Typography.Paragraph>{t("login.tagline")}</Typography.Paragraph>
        <ul>
          <li>{t("login.point1")}</li>
          <li>{t("login.point2")}</li>
          <li>{t("login.point3")}</li>
        </ul>
      </section>
      {/* A plain panel, not antd's Card: Card pulls in Tabs and Menu, which the login page never shows. */}
      <section className="infera-login-card" aria-labelledby="login-title">
        <header className="infera-login-card-head">
          <h1 id="login-title">{t("login.title")}</h1>
          <LanguageSwitch />
        </header>
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          requiredMark={false}
          disabled={pending}
        >
          <Form.Item
            name="email"
            label={t("login.email")}
            rules={[
              { required: true, message: t("login.emailRequired") },
              // Lenient on purpose: the bootstrap admin is admin@localhost, which has no dot.
              { pattern: /^[^\s@]+@[^\s@]+$/, message: t("login.emailInvalid") },
            ]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t("login.password")}
            rules={[{ required: true, message: t("login.passwordRequired") }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {error ? (
            <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />
          ) : null}
          <Button type="primary" htmlType="submit" block loading={pending}>
            {t("login.submit")}
          </Button>
        </Form>
      </section>
    </main>
  );
}
