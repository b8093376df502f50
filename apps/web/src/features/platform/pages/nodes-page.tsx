import type { ComputeNode } from "@infera/contracts";
import { App, Button, Popconfirm, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../../components/error-state/error-state";
import { relativeTime } from "../../../lib/relative-time";
import { PageHeader } from "../../../shell/page-header";
import { useNodes, useSetDraining } from "../api";
import { formatGiB } from "../format";

/**
 * Platform admin: the machines that run work — online or offline, their size, the jobs on them and
 * what is still free — and draining one before maintenance (its jobs finish, no new ones come).
 */
export function NodesPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const nodes = useNodes();
  const setDraining = useSetDraining();

  const toggle = async (node: ComputeNode) => {
    const updated = await setDraining.mutateAsync({ nodeId: node.id, draining: !node.draining });
    message.success(t(updated.draining ? "nodes.drained" : "nodes.resumed", { name: node.name }));
  };

  return (
    <>
      <PageHeader title={t("nav.platformNodes")} description={t("nodes.description")} />
      {nodes.error ? (
        <ErrorState error={nodes.error} onRetry={() => nodes.refetch()} />
      ) : (
        <Table<ComputeNode>
          rowKey="id"
          loading={nodes.isLoading}
          dataSource={nodes.data ?? []}
          pagination={false}
          locale={{ emptyText: <Typography.Text>{t("nodes.empty")}</Typography.Text> }}
          columns={[
            {
              title: t("nodes.name"),
              dataIndex: "name",
              render: (name: string, node) => (
                <>
                  <Typography.Text strong>{name}</Typography.Text>
                  <div>
                    <Typography.Text type="secondary">{node.roles.join(", ")}</Typography.Text>
                  </div>
                </>
              ),
            },
            {
              title: t("nodes.status"),
              key: "status",
              render: (_, node) => (
                <>
                  <Tag color={node.status === "online" ? "green" : "red"}>
                    {t(`nodes.state.${node.status}`)}
                  </Tag>
                  {node.draining && <Tag color="orange">{t("nodes.state.draining")}</Tag>}
                  <div>
                    <Typography.Text type="secondary">
                      {t("nodes.lastSeen", { when: relativeTime(node.last_seen_at, i18n.language) })}
                    </Typography.Text>
                  </div>
                </>
              ),
            },
            {
              title: t("nodes.resources"),
              key: "resources",
              render: (_, node) => (
                <>
                  <div>
                    {t("nodes.cpusMemory", { cpus: node.cpus, memory: formatGiB(node.memory_bytes) })}
                  </div>
                  {node.gpus.map((g) => (
                    <div key={g.index}>
                      <Typography.Text type="secondary">
                        GPU {g.index}: {g.model}
                        {g.memory_bytes ? ` (${formatGiB(g.memory_bytes)})` : ""}
                      </Typography.Text>
                    </div>
                  ))}
                </>
              ),
            },
            { title: t("nodes.jobs"), dataIndex: "running_jobs" },
            {
              title: t("nodes.free"),
              key: "free",
              render: (_, node) => (
                <>
                  <div>
                    {t("nodes.cpusMemory", {
                      cpus: node.free.cpus,
                      memory: formatGiB(node.free.memory_bytes),
                    })}
                  </div>
                  {node.gpus.length > 0 && (
                    <Typography.Text type="secondary">
                      {t("nodes.freeGpus", { count: node.free.gpu_indices.length, total: node.gpus.length })}
                    </Typography.Text>
                  )}
                </>
              ),
            },
            { title: t("nodes.version"), dataIndex: "version" },
            {
              title: "",
              key: "actions",
              render: (_, node) => (
                <Popconfirm
                  title={t(node.draining ? "nodes.resumeConfirm" : "nodes.drainConfirm", { name: node.name })}
                  okText={t(node.draining ? "nodes.resume" : "nodes.drain")}
                  cancelText={t("common.cancel")}
                  onConfirm={() => toggle(node)}
                >
                  <Button
                    size="small"
                    loading={setDraining.isPending && setDraining.variables?.nodeId === node.id}
                  >
                    {t(node.draining ? "nodes.resume" : "nodes.drain")}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
