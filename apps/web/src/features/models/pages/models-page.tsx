import { CloudUploadOutlined } from "@ant-design/icons";
import type { Model } from "@infera/contracts";
import { Button, Segmented, Space, Tabs } from "antd";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import { EmptyState } from "../../../components/empty-state/empty-state";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { PageHeader } from "../../../shell/page-header";
import { ModelTable } from "../components/model-table";

// The wizard and tus load only when someone uploads.
const UploadModelDialog = lazy(() => import("../upload/upload-model-dialog"));

const tabs = ["available", "system", "tenant"] as const;
type Tab = (typeof tabs)[number];

/** §4.3.3: the models a project may use, in three tabs; the upload wizard. */
export function ModelsPage() {
  const { t } = useTranslation();
  const { tenantId = "", projectId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const requested = params.get("tab") as Tab | null;
  const active: Tab = requested && tabs.includes(requested) ? requested : "available";
  const [tenantScope, setTenantScope] = useState<"project" | "tenant">("project");
  // null: closed; {}: a new model; {model}: a new version of it.
  const [uploading, setUploading] = useState<{ model?: Model } | null>(null);

  const uploadButton = (
    <PermissionGuard action="model.create" projectId={projectId}>
      <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => setUploading({})}>
        {t("modelsPage.upload")}
      </Button>
    </PermissionGuard>
  );
  const setTab = (k: string) => setParams(k === "available" ? {} : { tab: k }, { replace: true });
  const common = { tenantId, projectId, onUploadVersion: (model: Model) => setUploading({ model }) };

  return (
    <>
      <PageHeader
        title={t("modelsPage.title")}
        description={t("modelsPage.description")}
        primary={uploadButton}
      />
      <Tabs
        activeKey={active}
        onChange={setTab}
        destroyOnHidden
        items={[
          {
            key: "available",
            label: t("modelsPage.tabs.available"),
            children: (
              <ModelTable
                {...common}
                showScopeFilter
                empty={
                  <EmptyState
                    title={t("modelsPage.empty")}
                    actions={
                      <>
                        {uploadButton}
                        <Button onClick={() => setTab("system")}>{t("modelsPage.browseSystem")}</Button>
                      </>
                    }
                  />
                }
              />
            ),
          },
          {
            key: "system",
            label: t("modelsPage.tabs.system"),
            children: (
              <ModelTable
                {...common}
                fixedQuery={{ scope: "system" }}
                empty={<EmptyState title={t("modelsPage.emptySystem")} />}
              />
            ),
          },
          {
            key: "tenant",
            label: t("modelsPage.tabs.tenant"),
            children: (
              <Space orientation="vertical" style={{ width: "100%" }}>
                <Segmented
                  aria-label={t("modelsPage.tenantScope.label")}
                  value={tenantScope}
                  onChange={(v) => setTenantScope(v as "project" | "tenant")}
                  options={[
                    { value: "project", label: t("modelsPage.tenantScope.project") },
                    { value: "tenant", label: t("modelsPage.tenantScope.tenant") },
                  ]}
                />
                <ModelTable
                  key={tenantScope}
                  {...common}
                  fixedQuery={{ scope: tenantScope }}
                  empty={<EmptyState title={t("modelsPage.emptyTenant")} actions={uploadButton} />}
                />
              </Space>
            ),
          },
        ]}
      />
      {uploading ? (
        <Suspense fallback={null}>
          <UploadModelDialog
            tenantId={tenantId}
            projectId={projectId}
            model={uploading.model}
            onClose={() => setUploading(null)}
          />
        </Suspense>
      ) : null}
    </>
  );
}
