import { CloudUploadOutlined, DeleteOutlined } from "@ant-design/icons";
import type { ModelVersion } from "@infera/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { Button, Space, Tabs, Typography } from "antd";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { ErrorState } from "../../../components/error-state/error-state";
import { TagChips } from "../../../components/tag-chips/tag-chips";
import { useWriteToast } from "../../../lib/audit-link";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { PageHeader } from "../../../shell/page-header";
import { PageSkeleton } from "../../../shell/page-skeleton";
import { isOwnModel, modelKeys, modelPaths, useModel } from "../api";
import { DeleteModelDialog, DeleteTagDialog, DeleteVersionDialog } from "../components/delete-dialogs";
import { ModelAuditTab } from "../components/model-audit-tab";
import { ModelBadges } from "../components/model-badges";
import { OverviewTab } from "../components/overview-tab";
import type { TagMoveRequest } from "../components/tag-move-dialog";
import { TagsTab } from "../components/tags-tab";
import { UsageTab } from "../components/usage-tab";
import { VersionsTab } from "../components/versions-tab";
import { promoteRequestFromQuery } from "../promote-link";

// Drawers, dialogs and the wizard load when opened, not with the page.
const VersionDrawer = lazy(() => import("../components/version-drawer"));
const TagMoveDialog = lazy(() => import("../components/tag-move-dialog"));
const UploadModelDialog = lazy(() => import("../upload/upload-model-dialog"));

const tabs = ["overview", "versions", "tags", "usage", "audit"] as const;
type Tab = (typeof tabs)[number];

/** §4.3.3 model detail: header with tags and actions; Overview, Versions, Tags, Usage, Audit. */
export function ModelDetailPage() {
  const { t } = useTranslation();
  const { tenantId = "", projectId = "", modelId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const toast = useWriteToast();
  const queryClient = useQueryClient();
  const model = useModel(modelId);
  // `?promote=prod&promote_version=…&evidence=…` (the evaluation page's "Promote to prod tag") opens
  // the promote dialog on arrival, preset to that version with the run as its evidence.
  const [moving, setMoving] = useState<TagMoveRequest | null>(() => promoteRequestFromQuery(params));
  const [uploading, setUploading] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deletingVersion, setDeletingVersion] = useState<ModelVersion | null>(null);
  const [deletingTag, setDeletingTag] = useState<string | null>(null);
  const paths = modelPaths(tenantId, projectId);
  const requested = params.get("tab") as Tab | null;
  const active: Tab = requested && tabs.includes(requested) ? requested : "overview";
  const versionId = params.get("version");

  const setTab = (k: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (k === "overview") next.delete("tab");
        else next.set("tab", k);
        return next;
      },
      { replace: true },
    );
  const openVersion = (id: string | null) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (id) next.set("version", id);
      else next.delete("version");
      return next;
    });
  const refresh = () => queryClient.invalidateQueries({ queryKey: modelKeys.all });

  if (model.isPending) return <PageSkeleton />;
  if (model.isError) return <ErrorState error={model.error} onRetry={() => void model.refetch()} />;
  const m = model.data;
  const own = isOwnModel(m, projectId);
  const audit = (resourceId: string, action: string, eventIds: string[]) => ({
    tenantId,
    projectId,
    resourceId,
    action,
    eventIds,
  });

  return (
    <>
      <PageHeader
        title={m.name}
        description={
          <Space orientation="vertical" size={4}>
            <ModelBadges model={m} />
            <TagChips
              tags={m.tags.map((p) => ({ tag: p.tag, versionId: p.version_id }))}
              hrefFor={(v) => paths.version(m.id, v)}
            />
            {own ? null : <Typography.Text type="secondary">{t("modelsPage.notOwn")}</Typography.Text>}
          </Space>
        }
        primary={
          own ? (
            <PermissionGuard action="model.version.create" projectId={projectId}>
              <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => setUploading(true)}>
                {t("modelsPage.uploadVersion")}
              </Button>
            </PermissionGuard>
          ) : null
        }
        secondary={
          own ? (
            <Space wrap>
              <PermissionGuard action="model.tag.update" projectId={projectId}>
                <Button onClick={() => setMoving({ mode: "promote" })}>{t("modelsPage.manageTags")}</Button>
              </PermissionGuard>
              <PermissionGuard action="model.delete" projectId={projectId}>
                <Button danger icon={<DeleteOutlined />} onClick={() => setDeleting(true)}>
                  {t("modelsPage.deleteModel")}
                </Button>
              </PermissionGuard>
            </Space>
          ) : null
        }
      />
      <Tabs
        activeKey={active}
        onChange={setTab}
        destroyOnHidden
        items={[
          {
            key: "overview",
            label: t("modelsPage.detail.overview"),
            children: <OverviewTab model={m} onOpenVersion={openVersion} />,
          },
          {
            key: "versions",
            label: t("modelsPage.detail.versions"),
            children: (
              <VersionsTab
                model={m}
                projectId={projectId}
                onOpen={openVersion}
                onPromote={(v) => setMoving({ mode: "promote", versionId: v.id })}
                onDelete={setDeletingVersion}
              />
            ),
          },
          {
            key: "tags",
            label: t("modelsPage.detail.tags"),
            children: (
              <TagsTab
                model={m}
                projectId={projectId}
                onMove={setMoving}
                onDelete={setDeletingTag}
                onOpenVersion={openVersion}
              />
            ),
          },
          { key: "usage", label: t("modelsPage.detail.usage"), children: <UsageTab model={m} /> },
          {
            key: "audit",
            label: t("modelsPage.detail.audit"),
            children: <ModelAuditTab model={m} projectId={projectId} auditPath={paths.audit} />,
          },
        ]}
      />

      <Suspense fallback={null}>
        {versionId ? (
          <VersionDrawer
            versionId={versionId}
            model={m}
            projectId={projectId}
            onClose={() => openVersion(null)}
            onPromote={(v) => setMoving({ mode: "promote", versionId: v.id })}
            onDelete={setDeletingVersion}
          />
        ) : null}
        {moving ? (
          <TagMoveDialog
            tenantId={tenantId}
            projectId={projectId}
            model={m}
            request={moving}
            onClose={() => {
              setMoving(null);
              if (params.has("promote"))
                setParams(
                  (p) => {
                    const next = new URLSearchParams(p);
                    for (const k of ["promote", "promote_version", "evidence"]) next.delete(k);
                    return next;
                  },
                  { replace: true },
                );
            }}
          />
        ) : null}
        {uploading ? (
          <UploadModelDialog
            tenantId={tenantId}
            projectId={projectId}
            model={m}
            onClose={() => setUploading(false)}
          />
        ) : null}
      </Suspense>

      <DeleteModelDialog
        tenantId={tenantId}
        model={deleting ? m : null}
        onCancel={() => setDeleting(false)}
        onDeleted={(deleted, ids) => {
          setDeleting(false);
          toast(t("modelsPage.deleted", { name: deleted.name }), audit(deleted.id, "model.delete", ids));
          void refresh();
          navigate(paths.list);
        }}
      />
      <DeleteVersionDialog
        tenantId={tenantId}
        version={deletingVersion}
        onCancel={() => setDeletingVersion(null)}
        onDeleted={(v, ids) => {
          setDeletingVersion(null);
          if (versionId === v.id) openVersion(null);
          toast(t("modelsPage.version.deleted", { id: v.id }), audit(v.id, "model.version.delete", ids));
          void refresh();
        }}
      />
      <DeleteTagDialog
        model={m}
        tag={deletingTag}
        onCancel={() => setDeletingTag(null)}
        onDeleted={(tag, ids) => {
          setDeletingTag(null);
          toast(t("modelsPage.tags.deleted", { tag }), audit(`${m.id}:${tag}`, "model.tag.delete", ids));
          void refresh();
        }}
      />
    </>
  );
}
