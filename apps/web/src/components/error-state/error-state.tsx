import { Alert, Button, Collapse, Descriptions, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../lib/api-error";
import { errorMessage } from "./error-message";

/** A failed load: the server's message, a retry, and details (code, request id) on demand. */
export function ErrorState({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const { t } = useTranslation();
  const api = isApiError(error) ? error : null;
  const details = (
    <Descriptions size="small" column={1} bordered>
      {api ? (
        <>
          <Descriptions.Item label={t("errors.code")}>{api.code}</Descriptions.Item>
          <Descriptions.Item label={t("errors.status")}>{api.status || "—"}</Descriptions.Item>
          <Descriptions.Item label={t("errors.requestId")}>
            {api.requestId ? <Typography.Text copyable>{api.requestId}</Typography.Text> : "—"}
          </Descriptions.Item>
          {api.details !== undefined ? (
            <Descriptions.Item label={t("errors.details")}>
              <pre style={{ margin: 0, whiteSpace: "pre-wrap" }}>{JSON.stringify(api.details, null, 2)}</pre>
            </Descriptions.Item>
          ) : null}
        </>
      ) : (
        <Descriptions.Item label={t("errors.details")}>
          <pre style={{ margin: 0, whiteSpace: "pre-wrap" }}>{String((error as Error)?.stack ?? error)}</pre>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title ?? t("errors.title")}
      description={
        <Space orientation="vertical" style={{ width: "100%" }}>
          <span>{errorMessage(error, t)}</span>
          <Collapse
            size="small"
            ghost
            items={[{ key: "details", label: t("errors.showDetails"), children: details }]}
          />
        </Space>
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t("common.retry")}
          </Button>
        ) : null
      }
    />
  );
}
