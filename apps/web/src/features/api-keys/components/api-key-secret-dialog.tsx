import type { ApiKeyWithSecret } from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import { Alert, Tabs, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { CopySecretOnceDialog } from "../../../components/dialogs/copy-secret-once-dialog";
import { api } from "../../../lib/client";
import { apiKeyKeys } from "../api";
import { codeExample, type ExampleLanguage, gatewayBaseUrl } from "../code-examples";

/** What the example calls when the project has no service yet. */
const MODEL_PLACEHOLDER = "<service-name>";
const LANGUAGES: ExampleLanguage[] = ["curl", "python", "js"];

/**
 * The new key's secret, shown this once (seed 000 §4.3.8): copy, "I have saved it" before it can be
 * closed (no ×, no Esc, no click outside), and how to call a service of the project with it.
 */
export function ApiKeySecretDialog({
  issued,
  rotated,
  keptOld,
  onDone,
}: {
  issued: ApiKeyWithSecret | null;
  rotated?: boolean;
  /** A rotation that kept the old key working. */
  keptOld?: boolean;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const projectId = issued?.project_id ?? "";
  // A real service name makes the example runnable as it is.
  const service = useQuery({
    queryKey: apiKeyKeys.exampleModel(projectId),
    queryFn: () => api.services.list(projectId, { limit: 1 }),
    enabled: Boolean(projectId),
    retry: false,
    staleTime: 60_000,
  });
  const model = service.data?.data[0]?.name ?? MODEL_PLACEHOLDER;
  const name = issued?.name ?? "";
  return (
    <CopySecretOnceDialog
      open={issued !== null}
      width={720}
      title={t(rotated ? "apiKeys.secret.rotatedTitle" : "apiKeys.secret.title", { name })}
      secret={issued?.secret ?? ""}
      description={
        <>
          {t("apiKeys.secret.lostHint")}
          {keptOld ? <div>{t("apiKeys.secret.keptOld")}</div> : null}
        </>
      }
      onDone={onDone}
    >
      {issued ? (
        <section aria-label={t("apiKeys.secret.example")}>
          <Typography.Text strong>{t("apiKeys.secret.example")}</Typography.Text>
          <Alert type="info" style={{ margin: "4px 0" }} title={t("apiKeys.secret.exampleHint")} />
          <Tabs
            size="small"
            items={LANGUAGES.map((language) => {
              const code = codeExample(language, {
                baseUrl: gatewayBaseUrl(),
                model,
                secret: issued.secret,
              });
              return {
                key: language,
                label: t(`apiKeys.secret.exampleTabs.${language}`),
                children: (
                  <Typography.Paragraph
                    copyable={{ text: code, tooltips: [t("apiKeys.secret.copyExample"), t("common.copied")] }}
                    style={{ marginBottom: 0 }}
                  >
                    <pre data-example={language} style={{ whiteSpace: "pre-wrap", margin: 0, fontSize: 12 }}>
                      {code}
                    </pre>
                  </Typography.Paragraph>
                ),
              };
            })}
          />
        </section>
      ) : null}
    </CopySecretOnceDialog>
  );
}
