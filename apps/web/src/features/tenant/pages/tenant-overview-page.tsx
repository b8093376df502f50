import { ComingSoonPage } from "../../misc/coming-soon-page";

export function TenantOverviewPage() {
  return <ComingSoonPage />;
}
