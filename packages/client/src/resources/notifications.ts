import {
  type MarkNotificationsReadInput,
  MarkNotificationsReadResult,
  Notification,
  single,
  UnreadNotifications,
} from "@infera/contracts";
import type { z } from "zod";
import { queryString, type Transport } from "../http.js";
import { listing } from "../pagination.js";

export interface NotificationFilter {
  /** Only those not read yet. */
  unread_only?: boolean;
}

/** What a stream message handler is given: the browser's MessageEvent, reduced to what we read. */
interface StreamMessage {
  data: string;
  lastEventId?: string;
}

/** The part of the browser's `EventSource` the stream uses (typed here: the client has no DOM types). */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (e: StreamMessage) => void): void;
  close(): void;
}
export type EventSourceConstructor = new (
  url: string,
  init?: { withCredentials?: boolean },
) => EventSourceLike;

export interface NotificationStreamOptions {
  /** Start after this seq (`last_seq` of `unreadCount()`); default: only notifications from now on. */
  after?: number;
  onNotification(n: Notification): void;
  /** The stream is (again) connected: a good moment to refetch counts that may have moved meanwhile. */
  onOpen?(): void;
  /** The session ended (signed out or expired): the stream is closed for good. */
  onEnd?(): void;
  /** A connection error; the browser reconnects by itself unless the server refused (then `closed`). */
  onError?(info: { closed: boolean }): void;
  /** Another EventSource implementation (tests, Node); default `globalThis.EventSource`. */
  EventSource?: EventSourceConstructor;
}

export interface NotificationStream {
  close(): void;
}

const CLOSED = 2;

export function notificationsApi(t: Transport) {
  const path = "/me/notifications";
  const streamUrl = (query: { after?: number; follow?: boolean } = {}) =>
    `${t.baseUrl}/api/v1${path}/stream${queryString(query)}`;
  return {
    /** `list()`, `iterate()`, `exportCsv()`, `exportJson()` of the caller's own, newest first. */
    ...listing<typeof Notification, NotificationFilter>(t, path, Notification),
    /** The badge: how many are unread, and `last_seq` to open the stream after. */
    async unreadCount(): Promise<UnreadNotifications> {
      return (await t.json("GET", `${path}/unread-count`, single(UnreadNotifications))).data;
    },
    /** Marks some ids, or everything up to a seq, read; answers how many changed and how many stay unread. */
    async markRead(input: z.input<typeof MarkNotificationsReadInput>): Promise<MarkNotificationsReadResult> {
      return (await t.json("POST", `${path}/read`, single(MarkNotificationsReadResult), { body: input }))
        .data;
    },
    /** The Server-Sent Events URL (for an EventSource of your own, or `curl -N`). */
    streamUrl,
    /**
     * Follows new notifications with the browser's EventSource on the session cookie (an EventSource
     * cannot send a bearer token: scripts read `streamUrl()` with fetch). It reconnects by itself and
     * resumes after the last id it received (`Last-Event-ID`), so nothing is missed or repeated.
     */
    openStream(opts: NotificationStreamOptions): NotificationStream {
      const Source =
        opts.EventSource ?? (globalThis as unknown as { EventSource?: EventSourceConstructor }).EventSource;
      if (!Source) throw new Error("EventSource is not available here; read streamUrl() with fetch");
      const source = new Source(streamUrl({ after: opts.after }), { withCredentials: true });
      source.addEventListener("open", () => opts.onOpen?.());
      source.addEventListener("notification", (e) => {
        const parsed = Notification.safeParse(JSON.parse(e.data));
        // A notification this client does not know (a newer server) is skipped, not fatal.
        if (parsed.success) opts.onNotification(parsed.data);
      });
      source.addEventListener("end", () => {
        source.close();
        opts.onEnd?.();
      });
      source.addEventListener("error", () => opts.onError?.({ closed: source.readyState === CLOSED }));
      return { close: () => source.close() };
    },
  };
}
