/** A tiny fetch wrapper for tests: real HTTP against a running server, JSON in and out. */
export interface TestResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export function httpClient(baseUrl: string, auth: { token?: string; cookie?: string; csrf?: string } = {}) {
  async function request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TestResponse<T>> {
    const h: Record<string, string> = { ...headers };
    if (auth.token) h.authorization = `Bearer ${auth.token}`;
    if (auth.cookie) h.cookie = auth.cookie;
    if (auth.csrf) h["x-csrf-token"] = auth.csrf;
    let payload: string | Uint8Array | undefined;
    if (body !== undefined) {
      payload = typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body);
      h["content-type"] ??= "application/json";
    }
    const res = await fetch(`${baseUrl}/api/v1${path}`, { method, headers: h, body: payload });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {}
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }
  return {
    get: <T = any>(path: string, headers?: Record<string, string>) =>
      request<T>("GET", path, undefined, headers),
    post: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) =>
      request<T>("POST", path, body ?? {}, headers),
    put: <T = any>(path: string, body?: unknown) => request<T>("PUT", path, body ?? {}),
    patch: <T = any>(path: string, body?: unknown) => request<T>("PATCH", path, body ?? {}),
    delete: <T = any>(path: string, body?: unknown) => request<T>("DELETE", path, body),
    request,
  };
}

export type HttpClient = ReturnType<typeof httpClient>;

export async function loginAs(
  baseUrl: string,
  email: string,
  password: string,
): Promise<HttpClient & { token: string }> {
  const res = await httpClient(baseUrl).post("/auth/login", { email, password, issue_token: true });
  if (res.status !== 200) throw new Error(`login as ${email} failed: ${res.status} ${res.text}`);
  const token = res.body.data.token as string;
  return Object.assign(httpClient(baseUrl, { token }), { token });
}
