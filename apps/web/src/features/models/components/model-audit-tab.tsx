import type { Model } from "@infera/contracts";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Button, List, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorState } from "../../../components/error-state/error-state";
import { api } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { actorText } from "../../../shared/actor-text";
import { useRecentVersions } from "../api";

/**
 * The model's audit events in this project, each opening its detail on the audit page: by default its
 * own and its tags' (their resource ids start with the model id); a version is its own audit resource
 * (created, deleted), so the picker switches to one version's events.
 */
export function ModelAuditTab({
  model,
  projectId,
  auditPath,
}: {
  model: Model;
  projectId: string;
  auditPath: string;
}) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const [resourceId, setResourceId] = useState(model.id);
  const versions = useRecentVersions(model.id, 100);
  const events = useInfiniteQuery({
    queryKey: ["audit", "model", projectId, resourceId],
    queryFn: ({ pageParam }) =>
      api.audit.list(
        { projectId },
        resourceId === model.id
          ? { q: model.id, action: "model.", limit: 20, cursor: pageParam }
          : { resource_id: resourceId, limit: 20, cursor: pageParam },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  if (events.isError) return <ErrorState error={events.error} onRetry={() => void events.refetch()} />;
  const rows = events.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <label htmlFor="model-audit-resource">{t("modelsPage.audit.resource")}</label>
        <Select
          id="model-audit-resource"
          style={{ minWidth: 320 }}
          value={resourceId}
          onChange={setResourceId}
          loading={versions.isPending}
          options={[
            { value: model.id, label: t("modelsPage.audit.modelAndTags", { name: model.name }) },
            ...(versions.data?.data ?? []).map((v) => ({ value: v.id, label: `${v.id} · ${v.format}` })),
          ]}
        />
        <Link to={`${auditPath}?resource_id=${encodeURIComponent(resourceId)}`}>
          {t("modelsPage.audit.viewAll")}
        </Link>
      </Space>
      <section aria-label={t("modelsPage.audit.title")}>
        <List
          size="small"
          bordered
          loading={events.isPending}
          locale={{ emptyText: t("modelsPage.audit.empty") }}
          dataSource={rows}
          renderItem={(e) => (
            <List.Item
              actions={[
                <Link
                  key="open"
                  to={`${auditPath}?event=${encodeURIComponent(e.id)}`}
                  aria-label={t("audit.openEvent", { action: e.action })}
                >
                  {t("audit.details")}
                </Link>,
              ]}
            >
              <Space wrap>
                <Tag>{e.action}</Tag>
                <Typography.Text code>{e.resource_id}</Typography.Text>
                <Typography.Text type="secondary">
                  {formatDate(e.created_at)} · {actorText(e)}
                </Typography.Text>
                {typeof (e.after as { reason?: unknown } | null)?.reason === "string" &&
                (e.after as { reason: string }).reason ? (
                  <Typography.Text>“{(e.after as { reason: string }).reason}”</Typography.Text>
                ) : null}
              </Space>
            </List.Item>
          )}
        />
      </section>
      {events.hasNextPage ? (
        <Button loading={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
          {t("modelsPage.audit.loadMore")}
        </Button>
      ) : null}
    </Space>
  );
}
