import { useQuery } from "@tanstack/react-query";
import { App, Typography } from "antd";
import { type ReactNode, useCallback } from "react";
import { useTranslation } from "react-i18next";
import { type NavigateFunction, useNavigate } from "react-router";
import { api } from "./client";

export interface AuditTarget {
  tenantId: string;
  /** A project's writes are found in its own audit list, which its members may read. */
  projectId?: string;
  resourceId: string;
  action: string;
  /** The write's `X-Audit-Event-Id` (see `audited`); without it the link looks the record up. */
  eventIds?: string[];
}

/**
 * The audit page of a write's scope, opened on one event or filtered to the resource and action.
 * A write that recorded several events (a batch) opens the first, listed among its action's others.
 */
export function auditHref(target: AuditTarget, eventIds?: string | string[]): string {
  const base = target.projectId
    ? `/t/${encodeURIComponent(target.tenantId)}/p/${encodeURIComponent(target.projectId)}/audit`
    : `/t/${encodeURIComponent(target.tenantId)}/audit`;
  const ids = typeof eventIds === "string" ? [eventIds] : (eventIds ?? []);
  const params = new URLSearchParams();
  if (ids[0]) params.set("event", ids[0]);
  if (!ids[0]) params.set("resource_id", target.resourceId);
  if (ids.length !== 1) params.set("action", target.action);
  return `${base}?${params.toString()}`;
}

/**
 * "View audit record": the event the write's response named, or (an older server, a proxy that
 * drops the header) the newest event of this resource and action, looked up after the write.
 */
export function AuditRecordLink({ target, navigate }: { target: AuditTarget; navigate: NavigateFunction }) {
  const { t } = useTranslation();
  const named = target.eventIds?.length ? target.eventIds : undefined;
  const found = useQuery({
    enabled: !named,
    queryKey: ["audit", "record", target],
    queryFn: () =>
      api.audit
        .list(target.projectId ? { projectId: target.projectId } : { tenantId: target.tenantId }, {
          resource_id: target.resourceId,
          action: target.action,
          sort: "-created_at",
          limit: 1,
        })
        .then((page) => page.data[0]?.id ?? null),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const href = auditHref(target, named ?? found.data ?? undefined);
  // Toasts render outside the router, so the link navigates through the page's own navigate.
  return (
    <a
      href={href}
      onClick={(e) => {
        e.preventDefault();
        navigate(href);
      }}
    >
      {t("common.viewAudit")}
    </a>
  );
}

/** The success toast of every write: what happened, and a link to its audit record (§0.2). */
export function useWriteToast() {
  const { notification } = App.useApp();
  const navigate = useNavigate();
  return useCallback(
    (title: ReactNode, target: AuditTarget, extra?: ReactNode) => {
      notification.success({
        title,
        description: (
          <Typography.Text>
            <AuditRecordLink target={target} navigate={navigate} />
            {extra ? <> · {extra}</> : null}
          </Typography.Text>
        ),
        placement: "topRight",
        duration: 6,
      });
    },
    [notification, navigate],
  );
}
