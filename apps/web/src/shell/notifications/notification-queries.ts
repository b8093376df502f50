import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { api } from "../../lib/client";
import { meQueryKey } from "../../shared/session";

export const notificationKeys = {
  all: ["notifications"] as const,
  unread: ["notifications", "unread"] as const,
  latest: ["notifications", "latest"] as const,
};

/** How many of the latest the bell's popover shows. */
export const LATEST = 20;

/**
 * The bell's unread count, kept live: the count is read once, then the stream (an EventSource, which
 * reconnects by itself and resumes after the last id it got) says when a notification arrives, and
 * the count and list are read again. The server stays the one that counts, so a reconnect's missed
 * notifications or a "mark read" in another tab never leave the badge off by some.
 */
export function useUnreadNotifications(enabled: boolean) {
  const queryClient = useQueryClient();
  const unread = useQuery({
    queryKey: notificationKeys.unread,
    queryFn: () => api.notifications.unreadCount(),
    enabled,
    staleTime: 30_000,
    refetchOnWindowFocus: true,
  });
  // Where the stream starts: the newest notification when the count was first read.
  const startAfter = useRef<number | null>(null);
  if (startAfter.current === null && unread.data) startAfter.current = unread.data.last_seq;
  const ready = enabled && unread.data !== undefined;

  useEffect(() => {
    if (!ready) return;
    let stream: { close(): void } | undefined;
    try {
      stream = api.notifications.openStream({
        after: startAfter.current ?? undefined,
        onNotification: () => void queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
        // The session ended: the guard around the console notices once `me` is read again.
        onEnd: () => void queryClient.invalidateQueries({ queryKey: meQueryKey }),
      });
    } catch {
      // No EventSource in this browser: the count still refreshes when the window gets focus.
    }
    return () => stream?.close();
  }, [ready, queryClient]);

  return unread;
}
