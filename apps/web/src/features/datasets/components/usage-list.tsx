import { useQuery } from "@tanstack/react-query";
import { List, Skeleton, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../../components/error-state/error-state";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { getUsage, type UsageOf } from "../api";

/** What references a dataset or one of its versions (jobs, evaluations…): type, name, id. */
export function UsageList({ of, queryKey }: { of: UsageOf; queryKey: readonly unknown[] }) {
  const { t } = useTranslation();
  const usage = useQuery({ queryKey, queryFn: () => getUsage(of) });
  if (usage.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (usage.isError) return <ErrorState error={usage.error} onRetry={() => void usage.refetch()} />;
  return (
    <List
      size="small"
      aria-label={t("datasetsPage.usage.title")}
      locale={{ emptyText: t("datasetsPage.usage.none") }}
      dataSource={usage.data}
      renderItem={(d) => (
        <List.Item>
          <span style={{ display: "inline-flex", flexWrap: "wrap", gap: 8, alignItems: "center" }}>
            <Typography.Text type="secondary">{d.type}</Typography.Text>
            <Typography.Text>{d.name}</Typography.Text>
            <IDBadge id={d.id} />
          </span>
        </List.Item>
      )}
    />
  );
}
