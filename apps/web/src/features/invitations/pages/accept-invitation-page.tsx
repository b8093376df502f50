import type { AcceptedInvitation } from "@infera/contracts";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Descriptions, Form, Input, Result, Skeleton, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { errorMessage } from "../../../components/error-state/error-message";
import { ErrorState } from "../../../components/error-state/error-state";
import { isApiError } from "../../../lib/api-error";
import { api } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { useSubmitOnce } from "../../../lib/use-submit-once";
import { meQueryKey, useMe } from "../../../shared/session";
import { LanguageSwitch } from "../../../shell/language-switch";

interface Values {
  name?: string;
  password?: string;
}

/**
 * `/invite/:token`: what the link is for, then, as the server's `has_account` says, a new account
 * (name + password) or signing in to the existing one (its password, or the sign-in page).
 */
export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { formatDate } = usePreferences();
  const me = useMe();
  const preview = useQuery({
    queryKey: ["invitation", token],
    queryFn: () => api.invitations.preview(token),
  });
  const [error, setError] = useState<unknown>(null);
  const [accepted, setAccepted] = useState<AcceptedInvitation | null>(null);
  const [form] = Form.useForm<Values>();
  const signedInAs = me.data?.user?.email ?? null;
  const isInvitee = Boolean(
    signedInAs && preview.data && signedInAs.toLowerCase() === preview.data.email.toLowerCase(),
  );
  const mode = preview.data?.has_account ? "existing" : "new";
  const [submit, pending] = useSubmitOnce(async (values: Values) => {
    setError(null);
    try {
      const body = isInvitee
        ? {}
        : mode === "new"
          ? { name: values.name?.trim(), password: values.password }
          : { password: values.password };
      const result = await api.invitations.accept(token, body);
      setAccepted(result);
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    } catch (e) {
      setError(e);
      const fields = isApiError(e)
        ? (e.details as { fields?: { path: string; message: string }[] } | undefined)?.fields
        : undefined;
      if (fields?.length)
        form.setFields(fields.map((f) => ({ name: f.path as keyof Values, errors: [f.message] })));
    }
  });

  let body: React.ReactNode;
  if (preview.isPending) body = <Skeleton active />;
  else if (preview.isError)
    body = (
      <ErrorState
        title={t("acceptInvite.invalid")}
        error={preview.error}
        onRetry={() => void preview.refetch()}
      />
    );
  else if (accepted) {
    const next = `/t/${encodeURIComponent(accepted.tenant_id)}/overview`;
    body = (
      <Result
        status="success"
        title={t("acceptInvite.joined", { tenant: accepted.tenant_name })}
        subTitle={t("acceptInvite.joinedRole", { role: t(`roles.tenant.${accepted.role}`) })}
        extra={
          isInvitee ? (
            <Button type="primary" onClick={() => navigate(next)}>
              {t("acceptInvite.open")}
            </Button>
          ) : (
            <Button type="primary" onClick={() => navigate(`/login?next=${encodeURIComponent(next)}`)}>
              {t("acceptInvite.signIn")}
            </Button>
          )
        }
      />
    );
  } else {
    const p = preview.data;
    body = (
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            { key: "tenant", label: t("shell.tenant"), children: p.tenant_name },
            { key: "email", label: t("common.email"), children: p.email },
            { key: "role", label: t("users.role"), children: t(`roles.tenant.${p.role}`) },
            { key: "expires", label: t("invite.expiresAt"), children: formatDate(p.expires_at) },
          ]}
        />
        {signedInAs && !isInvitee ? (
          <Alert
            type="warning"
            showIcon
            title={t("acceptInvite.otherAccount", { email: signedInAs, invited: p.email })}
          />
        ) : null}
        {isInvitee ? (
          <Typography.Paragraph>
            {t("acceptInvite.signedIn", { email: signedInAs ?? "" })}
          </Typography.Paragraph>
        ) : (
          <Typography.Paragraph>
            {mode === "new"
              ? t("acceptInvite.newAccountIntro", { email: p.email })
              : t("acceptInvite.hasAccountIntro", { email: p.email })}
          </Typography.Paragraph>
        )}
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          {!isInvitee && mode === "new" ? (
            <Form.Item
              name="name"
              label={t("acceptInvite.name")}
              rules={[
                { required: true, whitespace: true, message: t("acceptInvite.nameRequired") },
                { max: 100 },
              ]}
            >
              <Input autoComplete="name" />
            </Form.Item>
          ) : null}
          {!isInvitee ? (
            <Form.Item
              name="password"
              label={mode === "new" ? t("acceptInvite.newPassword") : t("login.password")}
              rules={[
                { required: true, message: t("login.passwordRequired") },
                ...(mode === "new" ? [{ min: 12, message: t("acceptInvite.passwordLength") }] : []),
              ]}
            >
              <Input.Password autoComplete={mode === "new" ? "new-password" : "current-password"} />
            </Form.Item>
          ) : null}
          {error ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={errorMessage(error, t)}
              description={
                isApiError(error) && error.requestId ? `${t("errors.requestId")}: ${error.requestId}` : null
              }
            />
          ) : null}
          <Button type="primary" htmlType="submit" block loading={pending}>
            {isInvitee
              ? t("acceptInvite.accept")
              : mode === "new"
                ? t("acceptInvite.createAndAccept")
                : t("acceptInvite.signInAndAccept")}
          </Button>
        </Form>
        {!signedInAs && mode === "existing" ? (
          <Typography.Text type="secondary">
            {t("acceptInvite.orSignIn")}{" "}
            <Link to={`/login?next=${encodeURIComponent(`/invite/${token}`)}`}>{t("login.submit")}</Link>
          </Typography.Text>
        ) : null}
      </Space>
    );
  }
  return (
    <main style={{ maxWidth: 520, margin: "48px auto", padding: 16 }}>
      <Space style={{ width: "100%", justifyContent: "flex-end" }}>
        <LanguageSwitch />
      </Space>
      <Card
        title={
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {t("acceptInvite.title")}
          </Typography.Title>
        }
      >
        {body}
      </Card>
    </main>
  );
}
