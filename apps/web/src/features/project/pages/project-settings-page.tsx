import { ComingSoonPage } from "../../misc/coming-soon-page";

export function ProjectSettingsPage() {
  return <ComingSoonPage />;
}
