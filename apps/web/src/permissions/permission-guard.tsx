import { LockOutlined } from "@ant-design/icons";
import { Tooltip } from "antd";
import { cloneElement, isValidElement, type ReactElement, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { type PermissionDecision, usePermissions } from "./use-permissions";

export interface PermissionGuardProps {
  action: string;
  projectId?: string | null;
  tenantId?: string | null;
  /** "lock" (default) shows the control disabled with the reason; "hide" renders nothing. */
  mode?: "lock" | "hide";
  /** An element that accepts `disabled`, or a render function for anything else. */
  children: ReactElement<{ disabled?: boolean }> | ((decision: PermissionDecision) => ReactNode);
}

/** Shows a button or entry only as far as the caller's permissions allow, and says why not. */
export function PermissionGuard({
  action,
  projectId,
  tenantId,
  mode = "lock",
  children,
}: PermissionGuardProps) {
  const { t } = useTranslation();
  const permissions = usePermissions(projectId, tenantId);
  const decision = permissions.can(action);
  if (typeof children === "function") return <>{children(decision)}</>;
  if (decision.allowed) return children;
  if (mode === "hide") return null;
  if (permissions.isLoading) return cloneElement(children, { disabled: true });
  const reason = decision.reason ?? t("permissions.notAllowed");
  return (
    <Tooltip title={reason}>
      <span
        className="infera-locked"
        data-locked-reason={reason}
        style={{ display: "inline-flex", alignItems: "center", gap: 4 }}
      >
        {isValidElement(children) ? cloneElement(children, { disabled: true }) : children}
        <LockOutlined aria-label={t("permissions.locked")} />
      </span>
    </Tooltip>
  );
}
