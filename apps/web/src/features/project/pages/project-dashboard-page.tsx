import { ComingSoonPage } from "../../misc/coming-soon-page";

export function ProjectDashboardPage() {
  return <ComingSoonPage />;
}
