import { Alert, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../lib/api-error";
import { errorMessage } from "./error-message";

/** A failed write inside a dialog: the server's message, its request id, and any structured details. */
export function InlineError({ error, children }: { error: unknown; children?: ReactNode }) {
  const { t } = useTranslation();
  const requestId = isApiError(error) ? error.requestId : null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginTop: 12 }}
      title={errorMessage(error, t)}
      description={
        requestId || children ? (
          <>
            {requestId ? (
              <Typography.Text type="secondary" copyable={{ text: requestId }}>
                {t("errors.requestId")}: {requestId}
              </Typography.Text>
            ) : null}
            {children}
          </>
        ) : null
      }
    />
  );
}
