import { App as AntApp } from "antd";
import { Outlet } from "react-router";

export { RequireAuth } from "./require-auth";

/**
 * Every route but /login: Ant Design's App context (toasts, message, modal hooks). Its own chunk,
 * with RequireAuth, so the login page loads neither the notification and modal code nor ErrorState.
 */
export function ConsoleLayout() {
  return (
    <AntApp>
      <Outlet />
    </AntApp>
  );
}
