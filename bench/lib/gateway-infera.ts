/**
 * Infera's gateway as a bench target: a real server in a process of its own (`infera up`'s roles,
 * on a PostgreSQL database this creates and drops), a project with an
 * openai-compatible service pointing at the fixed-answer upstream, and an API key with limits set
 * (checked on every call, high enough never to refuse). Also the real path: a llama.cpp service
 * of the bundled infera-tiny, called through the gateway and directly on its replica.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "@infera/db";
import { startChildServer, stopProcess, TEST_ADMIN } from "@infera/server/testing";
import { setupRequest as api, openBenchDatabase } from "./bench-server.js";
import { chatBody, type Target, type Unavailable } from "./gateway-targets.js";

const V1 = "/v1/chat/completions";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The error envelope's message when the answer is one, else the answer's start. */
const errorMessage = (text: string) => {
  try {
    return String(JSON.parse(text).error.message ?? text).slice(0, 160);
  } catch {
    return text.slice(0, 160);
  }
};

export interface InferaServer {
  /** The gateway as a target, or why not (before the gateway is merged: its `/v1` answers 404). */
  target: Target | Unavailable;
  /** Calls this module made through the gateway that answered 200 (the probe, the real path). */
  okCalls(): number;
  /** Rows in `usage_records` now. */
  countUsage(): Promise<number>;
  /** infera-tiny through the gateway and on its replica directly, alternated, `rounds` each (ms per call). */
  realPath(rounds: number): Promise<{ direct: number[]; gateway: number[] | string; replica: string }>;
  /** SIGTERM: the server seals and ships its usage journal before it exits; replicas are killed. */
  stop(): Promise<void>;
  /** After stop: drops the database and the data folder. */
  close(): Promise<void>;
}

export async function startInfera(
  upstreamOrigin: string,
  postgresAdminUrl: string,
): Promise<InferaServer | Unavailable> {
  let db: Awaited<ReturnType<typeof openBenchDatabase>>;
  try {
    db = await openBenchDatabase("postgres", postgresAdminUrl);
  } catch (e) {
    return { name: "infera", unavailable: `no PostgreSQL at ${postgresAdminUrl}: ${(e as Error).message}` };
  }
  const dataDir = mkdtempSync(join(tmpdir(), "infera-bench-gateway-"));
  const pids = new Set<number>();
  const killReplicas = () => {
    for (const pid of pids)
      try {
        process.kill(-pid, "SIGKILL");
      } catch {}
  };
  // Replicas outlive the server by design: the bench's own go when it exits, whatever happens.
  process.once("exit", killReplicas);
  const server = await startChildServer({
    DATABASE_URL: db.url!,
    INFERA_PORT: "0",
    INFERA_DATA_DIR: dataDir,
    INFERA_ADMIN_EMAIL: TEST_ADMIN.email,
    INFERA_ADMIN_PASSWORD: TEST_ADMIN.password,
    INFERA_TEST_SYSTEM_MODEL: "1",
    INFERA_MAX_REPLICAS: "1",
    INFERA_UPSTREAM_CHECK_SECONDS: "1",
    // BENCH_INFERA_NODE_OPTIONS: Node options for the server process alone (e.g. --max-semi-space-size=64).
    ...(process.env.BENCH_INFERA_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_INFERA_NODE_OPTIONS } : {}),
  }).catch((e: Error) => e);
  const gatewayProcesses = Number(process.env.BENCH_GATEWAY_PROCESSES || 0);
  let gatewayOnly: Awaited<ReturnType<typeof startChildServer>> | null = null;
  const startGatewayOnly = async (n: number) => {
    gatewayOnly = await startChildServer({
      DATABASE_URL: db.url!,
      INFERA_PORT: "0",
      INFERA_DATA_DIR: join(dataDir, "gateway-only"),
      INFERA_TEST_ROLES: "gateway",
      INFERA_GATEWAY_PROCESSES: String(n),
      INFERA_REDIS_URL: process.env.INFERA_REDIS_URL ?? "redis://127.0.0.1:6379",
      INFERA_REDIS_PREFIX: `infera-bench-${process.pid}:`,
    });
    return gatewayOnly.url!;
  };
  const stop = async () => {
    if (gatewayOnly) await stopProcess(gatewayOnly.proc, "SIGTERM");
    if (!(server instanceof Error)) await stopProcess(server.proc, "SIGTERM");
    killReplicas();
  };
  const close = async () => {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  if (server instanceof Error) {
    await stop();
    await close();
    return { name: "infera", unavailable: `the server did not start: ${server.message.split("\n")[0]}` };
  }
  try {
    const origin = server.url!;
    // BENCH_GATEWAY_PROCESSES=N: `/v1` on a gateway-only start (`serve --role gateway`) of N
    // processes (INFERA_GATEWAY_PROCESSES, shared Redis), beside the server that keeps the API and
    // the worker; unset: the one process with every role.
    const gatewayOrigin = gatewayProcesses >= 1 ? await startGatewayOnly(gatewayProcesses) : origin;

    const token = (await api(origin, null, "POST", "/auth/login", { ...TEST_ADMIN, issue_token: true })).data
      .token as string;
    const me = await api(origin, token, "GET", "/auth/me");
    const project = await api(origin, token, "POST", `/tenants/${me.data.tenants[0].id}/projects`, {
      name: "gateway-bench",
      env: "dev",
    });
    const projectId = project.data.id as string;
    const models = await api(origin, token, "GET", `/projects/${projectId}/models?scope=system`);
    const tiny = models.data.find((m: { name: string }) => m.name === "infera-tiny").id as string;
    const detail = async (id: string) => (await api(origin, token, "GET", `/services/${id}`)).data;
    const until = async <T>(id: string, done: (s: any) => T | undefined, timeoutMs = 180_000): Promise<T> => {
      for (const end = Date.now() + timeoutMs; ; await sleep(250)) {
        const s = await detail(id);
        for (const r of s.replicas ?? []) if (r.pid) pids.add(r.pid);
        const v = done(s);
        if (v) return v;
        if (Date.now() > end) throw new Error(`service ${id} not ready: ${JSON.stringify(s).slice(0, 1500)}`);
      }
    };
    const createService = async (name: string, runtime: object) =>
      (
        await api(origin, token, "POST", `/projects/${projectId}/services`, {
          name,
          exposure: "private",
          config: {
            model: { model_id: tiny, tag: "latest" },
            runtime,
            resources: { resource_class: "cpu-2" },
          },
        })
      ).data.id as string;

    const key = await api(origin, token, "POST", `/projects/${projectId}/api-keys`, {
      name: "gateway-bench",
      scopes: ["inference:invoke"],
      rpm_limit: 2_000_000_000,
      daily_token_limit: 2_000_000_000,
    });
    const headers = { "content-type": "application/json", authorization: `Bearer ${key.data.secret}` };
    const upstreamService = "bench-upstream";
    const upstreamId = await createService(upstreamService, {
      kind: "openai-compatible",
      base_url: upstreamOrigin,
    });
    await until(upstreamId, (s) => s.revisions[0].current_state === "ready");

    let ok = 0;
    const countUsage = async () =>
      Number(
        (
          (await db.db.execute(sql`select count(*)::int as n from usage_records`)) as unknown as {
            rows: { n: number }[];
          }
        ).rows[0]?.n,
      );
    const call = async (url: string, model: string, extra: object = {}) => {
      const t0 = performance.now();
      const res = await fetch(url, {
        method: "POST",
        headers,
        body: JSON.stringify({ model, messages: [{ role: "user", content: "Once upon a time" }], ...extra }),
      });
      const text = await res.text();
      if (res.status === 200 && url.startsWith(`${gatewayOrigin}/`)) ok++;
      return { status: res.status, text, ms: performance.now() - t0 };
    };

    // A route that is not there answers 404 at once; anything else may be the gateway catching up
    // with the new service and key, so it is asked again for a few seconds.
    const probeOnce = () =>
      call(`${gatewayOrigin}${V1}`, upstreamService).catch((e: Error) => ({
        status: 0,
        text: e.message,
        ms: 0,
      }));
    let probe = await probeOnce();
    for (let i = 0; i < 20 && probe.status !== 200 && probe.status !== 404; i++) {
      await sleep(500);
      probe = await probeOnce();
    }
    const target: Target | Unavailable =
      probe.status === 200
        ? {
            name: "infera",
            origin: gatewayOrigin,
            path: V1,
            headers,
            body: chatBody(upstreamService),
            about:
              "Infera's gateway: a real server process with the roles `infera up` runs (API, gateway and worker in one Node process), PostgreSQL, an API key with RPM and daily token limits set high (checked on every call, never refusing), usage metering on",
            // Stopped with the server (InferaServer.stop), after its usage records are counted.
            stop: async () => {},
          }
        : { name: "infera", unavailable: `POST ${V1} answered ${probe.status}: ${errorMessage(probe.text)}` };

    return {
      target,
      countUsage,
      okCalls: () => ok,
      stop,
      close,
      async realPath(rounds) {
        const name = "tiny-real";
        const id = await createService(name, { kind: "llama.cpp", context_size: 512, threads: 1 });
        const replica = await until(id, (s) => s.replicas.find((r: any) => r.state === "ready" && r.port));
        const direct = `http://127.0.0.1:${replica.port}${V1}`;
        // Exactly 16 tokens each way: ignore_eos, temperature 0.
        const gen = { max_tokens: 16, temperature: 0, ignore_eos: true };
        const viaGateway = "unavailable" in target ? null : `${gatewayOrigin}${V1}`;
        await call(direct, name, gen);
        if (viaGateway) await call(viaGateway, name, gen);
        const d: number[] = [];
        const g: number[] = [];
        let refused = "";
        for (let i = 0; i < rounds; i++) {
          const r = await call(direct, name, gen);
          if (r.status !== 200 || JSON.parse(r.text).usage?.completion_tokens !== 16)
            throw new Error(`the replica answered ${r.status}: ${r.text.slice(0, 200)}`);
          d.push(r.ms);
          if (!viaGateway) continue;
          const v = await call(viaGateway, name, gen);
          if (v.status === 200) g.push(v.ms);
          else refused = `${v.status} ${errorMessage(v.text)}`;
        }
        return {
          direct: d,
          gateway: !viaGateway ? (target as Unavailable).unavailable : refused || g,
          replica: `infera-tiny F32 GGUF, llama.cpp replica (context 512, one thread) started by the server's replica manager`,
        };
      },
    };
  } catch (e) {
    await stop();
    await close();
    return { name: "infera", unavailable: `setup failed: ${(e as Error).message.split("\n")[0]}` };
  }
}
