import type { ModelTagHistoryEntry } from "@infera/contracts";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Button, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorState } from "../../../components/error-state/error-state";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { api } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { modelKeys, modelPaths } from "../api";

/**
 * Every move of one tag, newest first: who, when, from, to, reason, forced, and the passing gate
 * evaluation that allowed a move to prod (its evidence), linked (paged).
 */
export function TagHistory({ modelId, tag }: { modelId: string; tag: string }) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const { tenantId = "", projectId = "" } = useParams();
  const paths = modelPaths(tenantId, projectId);
  const history = useInfiniteQuery({
    queryKey: modelKeys.history(modelId, tag),
    queryFn: ({ pageParam }) => api.models.tags.history(modelId, tag, { limit: 20, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  if (history.isError) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  const rows = history.data?.pages.flatMap((p) => p.data) ?? [];
  const id = (v: string | null) => (v ? <IDBadge id={v} /> : "—");
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Table<ModelTagHistoryEntry>
        size="small"
        aria-label={t("modelsPage.tags.historyOf", { tag })}
        rowKey="id"
        loading={history.isPending}
        pagination={false}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: t("modelsPage.tags.historyEmpty") }}
        dataSource={rows}
        columns={[
          { key: "when", title: t("modelsPage.tags.when"), render: (_, h) => formatDate(h.created_at) },
          {
            key: "who",
            title: t("modelsPage.tags.who"),
            render: (_, h) => h.actor_label ?? h.actor_id ?? h.actor_type,
          },
          {
            key: "action",
            title: t("common.actions"),
            render: (_, h) => (
              <Space size={4}>
                <Tag>{t(`modelsPage.tags.action.${h.action}`)}</Tag>
                {h.forced ? <Tag color="red">{t("modelsPage.tags.forced")}</Tag> : null}
              </Space>
            ),
          },
          { key: "from", title: t("modelsPage.tags.from"), render: (_, h) => id(h.from_version_id) },
          { key: "to", title: t("modelsPage.tags.to"), render: (_, h) => id(h.to_version_id) },
          {
            key: "reason",
            title: t("modelsPage.tags.reason"),
            render: (_, h) => (h.reason ? <Typography.Text>{h.reason}</Typography.Text> : "—"),
          },
          {
            key: "evidence",
            title: t("modelsPage.tags.evidence"),
            render: (_, h) =>
              h.evidence_evaluation_run_id ? (
                <Link to={paths.evaluationRun(h.evidence_evaluation_run_id)}>
                  {t("modelsPage.move.evidenceRun", { id: h.evidence_evaluation_run_id })}
                </Link>
              ) : (
                "—"
              ),
          },
        ]}
      />
      {history.hasNextPage ? (
        <Button loading={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
          {t("modelsPage.audit.loadMore")}
        </Button>
      ) : null}
    </Space>
  );
}
