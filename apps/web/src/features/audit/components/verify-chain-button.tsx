import { SafetyCertificateOutlined } from "@ant-design/icons";
import type { AuditVerifyResult } from "@infera/contracts";
import { Alert, Button } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../components/error-state/error-message";
import { api } from "../../../lib/client";
import { useSubmitOnce } from "../../../lib/use-submit-once";
import { PermissionGuard } from "../../../permissions/permission-guard";

/** Recomputes the tenant's hash chain and says whether it is intact, or where it first breaks. */
export function VerifyChainButton({ tenantId }: { tenantId: string }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<AuditVerifyResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [run, pending] = useSubmitOnce(async () => {
    setError(null);
    setResult(null);
    try {
      setResult(await api.audit.verify(tenantId));
    } catch (e) {
      setError(e);
    }
  });
  return (
    <>
      <PermissionGuard action="tenant.audit.verify" tenantId={tenantId}>
        <Button icon={<SafetyCertificateOutlined />} loading={pending} onClick={() => void run()}>
          {t("audit.verify")}
        </Button>
      </PermissionGuard>
      {result || error ? (
        <div style={{ flexBasis: "100%" }}>
          {result?.intact ? (
            <Alert
              type="success"
              showIcon
              role="status"
              title={t("audit.verifyIntact", { count: result.checked })}
            />
          ) : null}
          {result && !result.intact ? (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={t("audit.verifyBroken", { count: result.checked })}
              description={
                result.first_broken
                  ? t("audit.firstBroken", {
                      seq: result.first_broken.chain_seq,
                      id: result.first_broken.event_id,
                      reason: result.first_broken.reason,
                    })
                  : null
              }
            />
          ) : null}
          {error ? <Alert type="error" showIcon title={errorMessage(error, t)} /> : null}
        </div>
      ) : null}
    </>
  );
}
