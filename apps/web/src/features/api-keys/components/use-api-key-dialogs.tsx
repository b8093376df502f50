import type { ApiKey, ApiKeyWithSecret } from "@infera/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { Alert } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { DangerConfirmDialog } from "../../../components/dialogs/danger-confirm-dialog";
import { useWriteToast } from "../../../lib/audit-link";
import { audited } from "../../../lib/client";
import { apiKeyKeys } from "../api";
import { ApiKeySecretDialog } from "./api-key-secret-dialog";
import { CreateApiKeyDialog } from "./create-api-key-dialog";
import { EditApiKeyDialog } from "./edit-api-key-dialog";
import { RotateApiKeyDialog } from "./rotate-api-key-dialog";

export type ApiKeyDialog = "edit" | "rotate" | "revoke";
type Open = { kind: "create" } | { kind: ApiKeyDialog; key: ApiKey } | null;
interface Issued {
  key: ApiKeyWithSecret;
  rotated: boolean;
  keptOld: boolean;
}

/**
 * The key dialogs the list and the detail page share: create, edit, rotate and revoke, and the
 * secret dialog a create or rotate ends in. Each write toasts with its audit link and refreshes the
 * keys; `onIssued` is told of a new key once its secret has been saved (the detail page opens it).
 */
export function useApiKeyDialogs({
  tenantId,
  projectId,
  onIssued,
}: {
  tenantId: string;
  projectId: string;
  onIssued?: (key: ApiKey) => void;
}): {
  open: (kind: "create") => void;
  openFor: (kind: ApiKeyDialog, key: ApiKey) => void;
  dialogs: ReactNode;
} {
  const { t } = useTranslation();
  const toast = useWriteToast();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<Open>(null);
  const [issued, setIssued] = useState<Issued | null>(null);
  const done = (title: string, action: string, resourceId: string, eventIds: string[]) => {
    setOpen(null);
    toast(title, { tenantId, projectId, resourceId, action, eventIds });
    void queryClient.invalidateQueries({ queryKey: apiKeyKeys.all });
  };
  const current = open && open.kind !== "create" ? open.key : null;

  const dialogs = (
    <>
      {open?.kind === "create" ? (
        <CreateApiKeyDialog
          projectId={projectId}
          onClose={() => setOpen(null)}
          onCreated={(key, ids) => {
            done(t("apiKeys.done.created", { name: key.name }), "api_key.create", key.id, ids);
            setIssued({ key, rotated: false, keptOld: false });
          }}
        />
      ) : null}
      {open?.kind === "edit" && current ? (
        <EditApiKeyDialog
          apiKey={current}
          onClose={() => setOpen(null)}
          onDone={(key, ids) =>
            done(t("apiKeys.done.updated", { name: key.name }), "api_key.update", key.id, ids)
          }
        />
      ) : null}
      {open?.kind === "rotate" && current ? (
        <RotateApiKeyDialog
          apiKey={current}
          onClose={() => setOpen(null)}
          onRotate={async (keepOld, expiresAt) => {
            const { result, auditEventIds } = await audited((c) =>
              c.apiKeys.rotate(current.id, {
                keep_old: keepOld,
                ...(expiresAt === undefined ? {} : { expires_at: expiresAt }),
              }),
            );
            // The rotation's event is on the old key.
            done(
              t("apiKeys.done.rotated", { name: current.name }),
              "api_key.rotate",
              current.id,
              auditEventIds,
            );
            setIssued({ key: result, rotated: true, keptOld: keepOld });
          }}
        />
      ) : null}
      <DangerConfirmDialog
        open={open?.kind === "revoke"}
        title={t("apiKeys.revoke.title", { name: current?.name ?? "" })}
        confirmName={current?.name ?? ""}
        confirmText={t("apiKeys.revoke.ok")}
        onCancel={() => setOpen(null)}
        onConfirm={async () => {
          if (!current) return;
          const { auditEventIds } = await audited((c) =>
            c.apiKeys.revoke(current.id, { confirm_name: current.name }),
          );
          done(
            t("apiKeys.done.revoked", { name: current.name }),
            "api_key.revoke",
            current.id,
            auditEventIds,
          );
        }}
      >
        <Alert type="error" showIcon title={t("apiKeys.revoke.body")} />
      </DangerConfirmDialog>
      <ApiKeySecretDialog
        issued={issued?.key ?? null}
        rotated={issued?.rotated}
        keptOld={issued?.keptOld}
        onDone={() => {
          const key = issued?.key;
          setIssued(null);
          if (key) {
            const { secret: _secret, ...plain } = key;
            onIssued?.(plain);
          }
        }}
      />
    </>
  );
  return {
    open: () => setOpen({ kind: "create" }),
    openFor: (kind, key) => setOpen({ kind, key }),
    dialogs,
  };
}
