import type { EvaluationRun } from "@infera/contracts";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Button, List, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorState } from "../../../components/error-state/error-state";
import { api } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { actorText } from "../../../shared/actor-text";

/** The run's audit events in this project (create, cancel, re-run, delete, ratings), each opening its detail. */
export function RunAuditTab({
  run,
  projectId,
  auditPath,
}: {
  run: EvaluationRun;
  projectId: string;
  auditPath: string;
}) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const events = useInfiniteQuery({
    queryKey: ["audit", "evaluation-run", projectId, run.id],
    queryFn: ({ pageParam }) =>
      api.audit.list({ projectId }, { resource_id: run.id, limit: 20, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  if (events.isError) return <ErrorState error={events.error} onRetry={() => void events.refetch()} />;
  const rows = events.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Link to={`${auditPath}?resource_id=${encodeURIComponent(run.id)}`}>
        {t("evaluationPage.audit.viewAll")}
      </Link>
      <section aria-label={t("evaluationPage.audit.title")}>
        <List
          size="small"
          bordered
          loading={events.isPending}
          locale={{ emptyText: <Typography.Text>{t("evaluationPage.audit.empty")}</Typography.Text> }}
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
                <Typography.Text type="secondary">
                  {formatDate(e.created_at)} · {actorText(e)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </section>
      {events.hasNextPage ? (
        <Button loading={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
          {t("evaluationPage.audit.loadMore")}
        </Button>
      ) : null}
    </Space>
  );
}
