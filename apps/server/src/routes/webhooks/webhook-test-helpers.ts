import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: a test reads whatever JSON arrived.
  json: any;
}

/**
 * A real HTTP endpoint on 127.0.0.1 that records every POST and answers with what `answer` says for
 * the nth request (default 200); `"hang"` keeps the request open until the receiver closes.
 */
export async function startReceiver(answer: (n: number) => number | "hang" = () => 200) {
  const received: ReceivedHook[] = [];
  const server: Server = createServer((req, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {}
      received.push({ headers: req.headers, body, json });
      const status = answer(received.length);
      if (status === "hang") return;
      res.writeHead(status, { "content-type": "text/plain" }).end(`answer ${received.length}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks/infera`,
    received,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** What a receiver does with the documented scheme: HMAC-SHA-256 of `<timestamp>.<raw body>`. */
export function verifySignature(secret: string, hook: ReceivedHook): boolean {
  const timestamp = String(hook.headers["x-infera-timestamp"]);
  const expected = `sha256=${createHmac("sha256", secret).update(`${timestamp}.${hook.body}`).digest("hex")}`;
  const given = Buffer.from(String(hook.headers["x-infera-signature"]));
  return given.length === expected.length && timingSafeEqual(given, Buffer.from(expected));
}

/** A loopback port nothing listens on. */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export async function until<T>(
  what: string,
  fn: () => Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
