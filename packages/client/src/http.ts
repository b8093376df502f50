import type { z } from "zod";
import { errorFromResponse, InferaApiError } from "./errors.js";

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface ClientOptions {
  /** Where Infera runs, e.g. `http://127.0.0.1:8080`; `""` for the page's own origin in a browser. */
  baseUrl: string;
  /** Bearer token (scripts, service accounts). Without one the browser's session cookie is used. */
  token?: string;
  /** The CSRF token of a cookie session, sent as `X-CSRF-Token` on writes (login and me() set it). */
  csrfToken?: string;
  fetch?: FetchLike;
  /** Extra headers on every request (e.g. a user agent for a CLI). */
  headers?: Record<string, string>;
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = { [key: string]: QueryValue };

interface RequestOptions {
  query?: object;
  body?: unknown;
  accept?: string;
  /** Cancels the request (and a streamed body being read). */
  signal?: AbortSignal;
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Builds `?a=1&b=2`, leaving out absent values. */
export function queryString(query: object | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query as Query)) {
    if (v === undefined || v === null || v === "") continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** The one place requests are made: headers, credentials, error envelopes, contract parsing. */
export class Transport {
  readonly baseUrl: string;
  token: string | undefined;
  csrfToken: string | undefined;
  private readonly fetchFn: FetchLike;
  private readonly headers: Record<string, string>;

  constructor(opts: ClientOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, "").replace(/\/api\/v1$/, "");
    this.token = opts.token;
    this.csrfToken = opts.csrfToken;
    this.headers = opts.headers ?? {};
    // Called through a closure: browsers reject a fetch detached from its global.
    this.fetchFn = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  private async send(method: string, path: string, opts: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { accept: opts.accept ?? "application/json", ...this.headers };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (this.csrfToken && UNSAFE.has(method)) headers["x-csrf-token"] = this.csrfToken;
    let body: string | undefined;
    if (opts.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(opts.body);
    }
    const url = `${this.baseUrl}/api/v1${path}${queryString(opts.query)}`;
    let res: Response;
    try {
      res = await this.fetchFn(url, { method, headers, body, credentials: "include", signal: opts.signal });
    } catch (err) {
      // Cancelled by the caller: not an unreachable server.
      if (opts.signal?.aborted) throw err;
      const reason = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
      throw new InferaApiError({
        status: 0,
        code: "service_unavailable",
        message: `cannot reach Infera at ${this.baseUrl || "this origin"} (${reason})`,
        cause: err,
      });
    }
    if (!res.ok) throw errorFromResponse(res.status, await res.text(), res.headers);
    return res;
  }

  /** A JSON response, checked against its contract schema. */
  async json<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    opts: RequestOptions = {},
  ): Promise<z.output<S>> {
    const res = await this.send(method, path, opts);
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw this.contractError(res, `${method} ${path} did not answer JSON`, text.slice(0, 200));
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw this.contractError(res, `${method} ${path} answered a body that does not match its contract`, {
        issues: parsed.error.issues,
      });
    return parsed.data;
  }

  /** A response without a body (204). */
  async empty(method: string, path: string, opts: RequestOptions = {}): Promise<void> {
    const res = await this.send(method, path, opts);
    await res.body?.cancel();
  }

  /** The response itself, for a body the caller reads as it comes (a stream); refusals still throw. */
  async response(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
    return this.send(method, path, opts);
  }

  /** A text response (CSV exports). */
  async text(method: string, path: string, opts: RequestOptions = {}): Promise<string> {
    const res = await this.send(method, path, opts);
    return res.text();
  }

  private contractError(res: Response, message: string, details: unknown) {
    return new InferaApiError({
      status: res.status,
      code: "internal",
      message,
      details,
      requestId: res.headers.get("x-request-id"),
    });
  }
}
