import type { Notification } from "@infera/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Empty, Skeleton, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { InlineError } from "../../components/error-state/inline-error";
import { api } from "../../lib/client";
import { formatDateTime } from "../../lib/dates";
import { usePreferences } from "../../lib/preferences";
import { relativeTime } from "../../lib/relative-time";
import { LATEST, notificationKeys } from "./notification-queries";
import { notificationLink, notificationText } from "./notification-text";

/**
 * The bell's popover: the latest notifications, unread ones marked, each a link to what it is about
 * (following one marks it read), and "mark all read". Its own chunk: loaded on the first opening.
 */
export function NotificationList({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const latest = useQuery({
    queryKey: notificationKeys.latest,
    queryFn: () => api.notifications.list({ limit: LATEST }),
  });
  const markRead = useMutation({
    mutationFn: (input: { ids: string[] } | { up_to_seq: number }) => api.notifications.markRead(input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
  const rows = latest.data?.data ?? [];
  const anyUnread = rows.some((n) => !n.read_at);

  if (latest.isPending) return <Skeleton active paragraph={{ rows: 3 }} className="infera-notifications" />;
  if (latest.isError) return <InlineError error={latest.error} />;
  return (
    <div className="infera-notifications">
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("shell.noNotifications")} />
      ) : (
        <>
          <div className="infera-notifications-actions">
            <Button
              size="small"
              type="link"
              disabled={!anyUnread}
              loading={markRead.isPending}
              // Up to the newest shown: one arriving meanwhile stays unread.
              onClick={() => markRead.mutate({ up_to_seq: rows[0]!.seq })}
            >
              {t("notifications.markAllRead")}
            </Button>
          </div>
          {markRead.isError ? <InlineError error={markRead.error} /> : null}
          <ul className="infera-notifications-list" aria-label={t("shell.notifications")}>
            {rows.map((n) => (
              <NotificationItem
                key={n.id}
                notification={n}
                onOpen={() => {
                  if (!n.read_at) markRead.mutate({ ids: [n.id] });
                  onNavigate();
                }}
              />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function NotificationItem({ notification: n, onOpen }: { notification: Notification; onOpen: () => void }) {
  const { t, i18n } = useTranslation();
  const { timeZone } = usePreferences();
  const text = notificationText(n, t);
  const link = notificationLink(n);
  const unread = !n.read_at;
  const body = (
    <>
      <span className="infera-notification-text">{text}</span>
      <Typography.Text type="secondary" className="infera-notification-time">
        <time dateTime={n.created_at} title={formatDateTime(n.created_at, timeZone)}>
          {relativeTime(n.created_at, i18n.language)}
        </time>
      </Typography.Text>
    </>
  );
  return (
    <li className={unread ? "infera-notification infera-notification-unread" : "infera-notification"}>
      {unread ? (
        <span className="infera-unread-dot" role="img" aria-label={t("notifications.unread")} />
      ) : null}
      {link ? (
        <Link to={link} onClick={onOpen} className="infera-notification-body">
          {body}
        </Link>
      ) : (
        <span className="infera-notification-body">{body}</span>
      )}
    </li>
  );
}
