import { vi } from "vitest";

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

/**
 * An answer: `body` is sent as JSON, `text` as it is (a CSV export, a JSONL report), `stream` as it
 * is written (Server-Sent Events; the request's abort errors it, as a real fetch does).
 */
type Handler = (req: RecordedRequest) =>
  | {
      status?: number;
      body?: unknown;
      text?: string;
      stream?: ReadableStream<Uint8Array>;
      headers?: Record<string, string>;
    }
  | undefined;

/**
 * Stands in for the server at the network boundary: routes `fetch` by "METHOD /path" to handlers
 * and records every request so a test can assert what the console sent.
 */
export function fakeApi(routes: Record<string, Handler>) {
  const requests: RecordedRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), "http://localhost");
    const method = (init?.method ?? "GET").toUpperCase();
    const req: RecordedRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: new Headers(init?.headers),
      body: typeof init?.body === "string" ? JSON.parse(init.body) : undefined,
    };
    requests.push(req);
    const handler =
      routes[`${method} ${url.pathname}`] ??
      Object.entries(routes).find(([k]) => {
        const [m, pattern] = k.split(" ");
        if (m !== method || !pattern?.includes(":")) return false;
        const re = new RegExp(`^${pattern.replace(/:[a-zA-Z]+/g, "[^/]+")}$`);
        return re.test(url.pathname);
      })?.[1];
    const res = handler?.(req) ?? {
      status: 404,
      body: {
        error: {
          code: "not_found",
          message: `no fake for ${method} ${url.pathname}`,
          request_id: "req_fake",
        },
      },
    };
    if (res.stream) {
      const signal = init?.signal;
      const body = res.stream.pipeThrough(new TransformStream<Uint8Array, Uint8Array>());
      const reader = body.getReader();
      const aborted = new ReadableStream<Uint8Array>({
        start(controller) {
          signal?.addEventListener("abort", () => {
            controller.error(new DOMException("The operation was aborted.", "AbortError"));
            void reader.cancel().catch(() => {});
          });
        },
        async pull(controller) {
          try {
            const { value, done } = await reader.read();
            if (done) controller.close();
            else controller.enqueue(value);
          } catch {}
        },
      });
      return new Response(aborted, {
        status: res.status ?? 200,
        headers: { "Content-Type": "text/event-stream", ...res.headers },
      });
    }
    const json = res.text === undefined;
    return new Response(json ? (res.body === undefined ? null : JSON.stringify(res.body)) : res.text, {
      status: res.status ?? 200,
      headers: { "Content-Type": json ? "application/json" : "text/plain", ...res.headers },
    });
  });
  vi.stubGlobal("fetch", fetchMock);
  return { requests, fetchMock };
}

export function apiError(
  status: number,
  code: string,
  message: string,
  requestId = "req_test123",
  details?: unknown,
) {
  return { status, body: { error: { code, message, request_id: requestId, details } } };
}
