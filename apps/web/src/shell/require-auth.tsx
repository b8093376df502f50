import { Navigate, Outlet, useLocation } from "react-router";
import { ErrorState } from "../components/error-state/error-state";
import { isApiError } from "../lib/api-error";
import { useMe } from "../shared/session";
import { PageSkeleton } from "./page-skeleton";

/** Sends a visitor without a session to /login, remembering where they were going. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageSkeleton />;
  if (me.isError) {
    if (isApiError(me.error) && me.error.status === 401) {
      const next = encodeURIComponent(location.pathname + location.search);
      return <Navigate to={`/login?next=${next}`} replace />;
    }
    return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  }
  return <Outlet />;
}
