import type { ApiKey } from "@infera/contracts";
import { Button, type ButtonProps, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import { PermissionGuard } from "../../../permissions/permission-guard";
import type { ApiKeyDialog } from "./use-api-key-dialogs";

const ACTIONS: { kind: ApiKeyDialog; action: string; danger?: boolean }[] = [
  { kind: "edit", action: "api_key.update" },
  { kind: "rotate", action: "api_key.rotate" },
  { kind: "revoke", action: "api_key.revoke", danger: true },
];

/**
 * Edit, rotate, revoke: each disabled with the reason when the caller may not (the server's), or
 * when the key is revoked (for good: nothing to change).
 */
export function KeyActionButtons({
  apiKey,
  size,
  onOpen,
}: {
  apiKey: ApiKey;
  size?: ButtonProps["size"];
  onOpen: (kind: ApiKeyDialog) => void;
}) {
  const { t } = useTranslation();
  const revoked = apiKey.status === "revoked";
  const label = {
    edit: "apiKeys.actions.edit",
    rotate: "apiKeys.actions.rotate",
    revoke: "apiKeys.actions.revoke",
  } as const;
  const aria = {
    edit: "apiKeys.actions.editOf",
    rotate: "apiKeys.actions.rotateOf",
    revoke: "apiKeys.actions.revokeOf",
  } as const;
  return (
    <>
      {ACTIONS.map(({ kind, action, danger }) => {
        const button = (
          <Button
            size={size}
            type={size === "small" ? "link" : "default"}
            danger={danger}
            disabled={revoked}
            aria-label={t(aria[kind], { name: apiKey.name })}
            onClick={() => onOpen(kind)}
          >
            {t(label[kind])}
          </Button>
        );
        return (
          <PermissionGuard key={kind} action={action} projectId={apiKey.project_id}>
            {revoked ? (
              <Tooltip title={t("apiKeys.actions.revoked")}>
                <span data-locked-reason={t("apiKeys.actions.revoked")}>{button}</span>
              </Tooltip>
            ) : (
              button
            )}
          </PermissionGuard>
        );
      })}
    </>
  );
}
