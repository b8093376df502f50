import { ComingSoonPage } from "../../misc/coming-soon-page";

export function UsersPage() {
  return <ComingSoonPage />;
}
