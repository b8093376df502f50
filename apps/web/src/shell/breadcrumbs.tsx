import { Breadcrumb } from "antd";
import type { ParseKeys } from "i18next";
import { useTranslation } from "react-i18next";
import { Link, useMatches, useParams } from "react-router";
import { shortId } from "../components/id-badge/short-id";
import { useProject, useTenant } from "../shared/tenancy";

export interface RouteHandle {
  crumb?: ParseKeys;
  /** route param holding a detail id, shown short after the crumb */
  detailParam?: string;
}

/** Tenant / project / page / item, from the matched routes. */
export function Breadcrumbs() {
  const { t } = useTranslation();
  const params = useParams();
  const matches = useMatches();
  const tenant = useTenant(params.tenantId);
  const project = useProject(params.projectId);
  const items: { title: React.ReactNode }[] = [];
  if (params.tenantId) {
    items.push({
      title: (
        <Link to={`/t/${encodeURIComponent(params.tenantId)}/overview`}>
          {tenant.data?.name ?? shortId(params.tenantId)}
        </Link>
      ),
    });
  }
  if (params.tenantId && params.projectId) {
    items.push({
      title: (
        <Link
          to={`/t/${encodeURIComponent(params.tenantId)}/p/${encodeURIComponent(params.projectId)}/dashboard`}
        >
          {project.data?.name ?? shortId(params.projectId)}
        </Link>
      ),
    });
  }
  for (const m of matches) {
    const handle = m.handle as RouteHandle | undefined;
    if (handle?.crumb) items.push({ title: t(handle.crumb) as string });
    const detail = handle?.detailParam ? params[handle.detailParam] : undefined;
    if (detail) items.push({ title: shortId(detail) });
  }
  return <Breadcrumb items={items} aria-label={t("shell.breadcrumb")} />;
}
