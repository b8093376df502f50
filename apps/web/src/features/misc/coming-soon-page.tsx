import { Button } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useMatches, useParams } from "react-router";
import { EmptyState } from "../../components/empty-state/empty-state";
import type { RouteHandle } from "../../shell/breadcrumbs";
import { PageHeader } from "../../shell/page-header";

/** A module of the console whose capability has not shipped yet: the route exists, deep links work. */
export function ComingSoonPage() {
  const { t } = useTranslation();
  const { tenantId, projectId } = useParams();
  const handle = useMatches().at(-1)?.handle as RouteHandle | undefined;
  const back = projectId
    ? `/t/${tenantId}/p/${projectId}/dashboard`
    : tenantId
      ? `/t/${tenantId}/overview`
      : "/workspace";
  return (
    <>
      <PageHeader title={handle?.crumb ? t(handle.crumb) : t("comingSoon.title")} />
      <EmptyState
        title={t("comingSoon.title")}
        description={t("comingSoon.description")}
        actions={
          <Link to={back}>
            <Button type="primary">{t("comingSoon.back")}</Button>
          </Link>
        }
      />
    </>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <EmptyState
      title={t("notFound.title")}
      description={t("notFound.description")}
      actions={
        <Link to="/workspace">
          <Button type="primary">{t("notFound.back")}</Button>
        </Link>
      }
    />
  );
}
