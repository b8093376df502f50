import { ComingSoonPage } from "../../misc/coming-soon-page";

export function WorkspacePage() {
  return <ComingSoonPage />;
}
