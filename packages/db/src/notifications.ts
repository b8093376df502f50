import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";

/**
 * PostgreSQL's LISTEN/NOTIFY on both engines: how one process learns, within milliseconds, that
 * another committed something it follows (a training event for a live curve, a notification for the
 * bell). `pg_notify` inside a transaction is delivered only when it commits, never on rollback.
 * Delivery is best effort (a dropped connection loses what was sent meanwhile), so followers also
 * re-read on a slow timer; a notification only says "look now".
 */
export type Listen = (channel: string, onNotify: (payload: string) => void) => Promise<() => Promise<void>>;

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

function checkChannel(channel: string) {
  if (!CHANNEL.test(channel)) throw new Error(`invalid notification channel ${JSON.stringify(channel)}`);
}

/** PGlite runs in this process: its own listen API. */
export function pgliteListen(client: PGlite): Listen {
  return async (channel, onNotify) => {
    checkChannel(channel);
    const unsubscribe = await client.listen(channel, onNotify);
    return () => unsubscribe();
  };
}

/**
 * PostgreSQL: one dedicated connection per database handle carries every channel (a pooled
 * connection cannot hold a LISTEN). When it drops it reconnects with backoff and listens again.
 */
export function postgresListener(url: string): { listen: Listen; close(): Promise<void> } {
  const subscribers = new Map<string, Set<(payload: string) => void>>();
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;
  let retryMs = 100;
  // One command at a time on the connection (pg deprecates overlapping queries on a client).
  let commands: Promise<unknown> = Promise.resolve();
  const command = (c: pg.Client, text: string) => {
    const run = commands.then(() => c.query(text));
    commands = run.catch(() => {});
    return run;
  };

  const connect = (): Promise<pg.Client> => {
    connecting ??= (async () => {
      const c = new pg.Client({ connectionString: url });
      c.on("notification", (msg) => {
        for (const fn of subscribers.get(msg.channel) ?? []) fn(msg.payload ?? "");
      });
      c.on("error", () => reconnectLater(c));
      c.on("end", () => reconnectLater(c));
      await c.connect();
      for (const channel of subscribers.keys()) await command(c, `LISTEN ${channel}`);
      client = c;
      retryMs = 100;
      return c;
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  };

  const reconnectLater = (c: pg.Client) => {
    if (client !== c || closed) return;
    client = null;
    c.removeAllListeners("end");
    void c.end().catch(() => {});
    const wait = retryMs;
    retryMs = Math.min(retryMs * 2, 5_000);
    setTimeout(() => {
      if (!closed && !client && subscribers.size > 0) connect().catch(() => reconnectLater(c));
    }, wait).unref();
  };

  const listen: Listen = async (channel, onNotify) => {
    checkChannel(channel);
    let set = subscribers.get(channel);
    const first = !set;
    if (!set) {
      set = new Set();
      subscribers.set(channel, set);
    }
    set.add(onNotify);
    const c = client ?? (await connect());
    // A fresh connection already listened to every channel in the map, this one included.
    if (first && c === client) await command(c, `LISTEN ${channel}`);
    return async () => {
      set.delete(onNotify);
      if (set.size > 0 || subscribers.get(channel) !== set) return;
      subscribers.delete(channel);
      if (client) await command(client, `UNLISTEN ${channel}`).catch(() => {});
    };
  };

  return {
    listen,
    async close() {
      closed = true;
      subscribers.clear();
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}
