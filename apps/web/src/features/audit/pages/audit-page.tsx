import { ComingSoonPage } from "../../misc/coming-soon-page";

export function AuditPage(_props: { scope: "tenant" | "project" }) {
  return <ComingSoonPage />;
}
