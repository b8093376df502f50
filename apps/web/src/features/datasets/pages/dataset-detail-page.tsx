import { DeleteOutlined, UploadOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Space, Tabs, Tag, Typography } from "antd";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { ErrorState } from "../../../components/error-state/error-state";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { useWriteToast } from "../../../lib/audit-link";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { PageHeader } from "../../../shell/page-header";
import { PageSkeleton } from "../../../shell/page-skeleton";
import { datasetKeys, getDataset } from "../api";
import { DatasetAuditTab } from "../components/dataset-audit-tab";
import { DeleteDatasetDialog } from "../components/delete-dialogs";
import { PreviewTab } from "../components/preview-tab";
import { UsageList } from "../components/usage-list";
import { VersionsTab } from "../components/versions-tab";

const UploadDatasetWizard = lazy(() => import("../components/upload-dataset-wizard"));
const VersionDrawer = lazy(() => import("../components/version-drawer"));

const tabs = ["versions", "preview", "usage", "audit"] as const;
type Tab = (typeof tabs)[number];

/** §4.3.4 dataset detail: header with the id, tabs Versions / Preview / Usage / Audit, version drawer. */
export function DatasetDetailPage() {
  const { t } = useTranslation();
  const { tenantId = "", projectId = "", datasetId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const toast = useWriteToast();
  const queryClient = useQueryClient();
  const [uploading, setUploading] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const dataset = useQuery({
    queryKey: datasetKeys.dataset(datasetId),
    queryFn: () => getDataset(datasetId),
  });
  const requested = params.get("tab") as Tab | null;
  const active: Tab = requested && tabs.includes(requested) ? requested : "versions";
  const openVersion = params.get("version");
  const setParam = (key: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: key === "tab" },
    );
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ["dataset", datasetId] });
    void queryClient.invalidateQueries({ queryKey: datasetKeys.all(projectId) });
  };

  if (dataset.isPending) return <PageSkeleton />;
  if (dataset.isError) return <ErrorState error={dataset.error} onRetry={() => void dataset.refetch()} />;
  const d = dataset.data;

  return (
    <>
      <PageHeader
        title={
          <Space wrap>
            {d.name}
            {d.format ? <Tag>{d.format}</Tag> : null}
          </Space>
        }
        description={
          <Space wrap>
            <Typography.Text type="secondary">{t("datasetsPage.datasetId")}</Typography.Text>
            <IDBadge id={d.id} label={t("datasetsPage.datasetId")} />
            {d.description ? <span>{d.description}</span> : null}
          </Space>
        }
        primary={
          <PermissionGuard action="dataset.version.create" projectId={projectId}>
            <Button type="primary" icon={<UploadOutlined />} onClick={() => setUploading(true)}>
              {t("datasetsPage.uploadVersion")}
            </Button>
          </PermissionGuard>
        }
        secondary={
          <PermissionGuard action="dataset.delete" projectId={projectId}>
            <Button danger icon={<DeleteOutlined />} onClick={() => setDeleting(true)}>
              {t("datasetsPage.deleteDataset")}
            </Button>
          </PermissionGuard>
        }
      />
      <Tabs
        activeKey={active}
        onChange={(k) => setParam("tab", k === "versions" ? null : k)}
        items={[
          {
            key: "versions",
            label: t("datasetsPage.tabs.versions"),
            children: (
              <VersionsTab
                tenantId={tenantId}
                projectId={projectId}
                dataset={d}
                onOpen={(id) => setParam("version", id)}
                onUpload={() => setUploading(true)}
                onChanged={refresh}
              />
            ),
          },
          {
            key: "preview",
            label: t("datasetsPage.tabs.preview"),
            children: active === "preview" ? <PreviewTab dataset={d} /> : null,
          },
          {
            key: "usage",
            label: t("datasetsPage.tabs.usage"),
            children:
              active === "usage" ? (
                <UsageList of={{ datasetId: d.id }} queryKey={datasetKeys.usage(d.id)} />
              ) : null,
          },
          {
            key: "audit",
            label: t("datasetsPage.tabs.audit"),
            children: active === "audit" ? <DatasetAuditTab tenantId={tenantId} dataset={d} /> : null,
          },
        ]}
      />
      {openVersion ? (
        <Suspense fallback={null}>
          <VersionDrawer
            versionId={openVersion}
            projectId={projectId}
            onClose={() => setParam("version", null)}
          />
        </Suspense>
      ) : null}
      {uploading ? (
        <Suspense fallback={null}>
          <UploadDatasetWizard
            tenantId={tenantId}
            projectId={projectId}
            dataset={d}
            onClose={() => {
              setUploading(false);
              refresh();
            }}
            onCreated={refresh}
          />
        </Suspense>
      ) : null}
      <DeleteDatasetDialog
        tenantId={tenantId}
        dataset={deleting ? d : null}
        onCancel={() => setDeleting(false)}
        onDeleted={() => {
          setDeleting(false);
          void queryClient.invalidateQueries({ queryKey: datasetKeys.all(projectId) });
          toast(t("datasetsPage.deleted", { name: d.name }), {
            tenantId,
            projectId,
            resourceId: d.id,
            action: "dataset.delete",
          });
          navigate(`/t/${encodeURIComponent(tenantId)}/p/${encodeURIComponent(projectId)}/datasets`);
        }}
      />
    </>
  );
}
