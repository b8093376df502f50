import { BellOutlined } from "@ant-design/icons";
import { Badge, Button, Popover, Spin } from "antd";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMe } from "../../shared/session";
import { useUnreadNotifications } from "./notification-queries";

// The list (its query, rows, relative times) is its own chunk: the header renders with the badge only.
const NotificationList = lazy(() =>
  import("./notification-list").then((m) => ({ default: m.NotificationList })),
);

/** The header's bell (§2.1): the unread count, live, and the latest notifications on a click. */
export function NotificationBell() {
  const { t } = useTranslation();
  const me = useMe();
  // Service accounts have no notifications (the API answers 403): no badge, no stream.
  const person = me.data?.principal_type === "user";
  const unread = useUnreadNotifications(person);
  const count = unread.data?.unread ?? 0;
  const [open, setOpen] = useState(false);
  // Mounted from the first opening on, so closing keeps the popover's exit animation.
  const [opened, setOpened] = useState(false);
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setOpened(true);
      }}
      title={t("shell.notifications")}
      content={
        opened ? (
          <Suspense fallback={<Spin size="small" />}>
            <NotificationList onNavigate={() => setOpen(false)} />
          </Suspense>
        ) : null
      }
    >
      <Badge count={count} size="small" overflowCount={99}>
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={count ? t("notifications.bellUnread", { count }) : t("shell.notifications")}
        />
      </Badge>
    </Popover>
  );
}
