import { ComingSoonPage } from "../../misc/coming-soon-page";

export function ProjectsPage() {
  return <ComingSoonPage />;
}
