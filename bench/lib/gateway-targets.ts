/**
 * What bench/gateway.ts sends load to: the fixed-answer upstream itself, nginx in front of it and
 * Portkey's gateway in front of it, each a process of its own (Infera's is gateway-infera.ts).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, spawnReady } from "./spawn-ready.js";

/** One way to reach the upstream's `POST /v1/chat/completions`. */
export interface Target {
  name: string;
  origin: string;
  path: string;
  headers: Record<string, string>;
  /** The request body; the upstream answers the same whatever the model or messages. */
  body(stream: boolean): string;
  /** What the target is, for the report. */
  about: string;
  stop(): Promise<void>;
}

/** A target that could not be started, and why. */
export interface Unavailable {
  name: string;
  unavailable: string;
}

const UPSTREAM = fileURLToPath(new URL("./fixed-upstream.mjs", import.meta.url));
const BARE_PROXY = fileURLToPath(new URL("./bare-node-proxy.mjs", import.meta.url));
const PORTKEY_DIR = fileURLToPath(new URL("../.cache/portkey/", import.meta.url));
const PORTKEY_SERVER = join(PORTKEY_DIR, "node_modules/@portkey-ai/gateway/build/start-server.js");

export const chatBody = (model: string) => (stream: boolean) =>
  JSON.stringify({
    model,
    messages: [{ role: "user", content: "Say something." }],
    max_tokens: 32,
    ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  });

/** The fixed-answer upstream (bench/lib/fixed-upstream.mjs), `chunks` content chunks when streaming. */
export async function startUpstream(chunks: number): Promise<Target> {
  const p = await spawnReady(process.execPath, [UPSTREAM, String(chunks)], /LISTENING (\d+)/);
  const origin = `http://127.0.0.1:${p.match![1]}`;
  return {
    name: "direct",
    origin,
    path: "/v1/chat/completions",
    headers: { "content-type": "application/json" },
    body: chatBody("bench-upstream"),
    about: `the upstream itself (Node ${process.version} \`http\`, one process)`,
    stop: () => p.stop(),
  };
}

/** The ceiling of a Node gateway: `http` + an undici Pool, nothing else (bare-node-proxy.mjs). */
export async function startBareNode(upstream: Target): Promise<Target> {
  const p = await spawnReady(process.execPath, [BARE_PROXY, upstream.origin], /LISTENING (\d+)/);
  return {
    ...upstream,
    name: "node-bare",
    origin: `http://127.0.0.1:${p.match![1]}`,
    about:
      "Node `http` + an undici Pool passing the body through and piping the answer back, nothing else (the ceiling of a Node gateway)",
    stop: () => p.stop(),
  };
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, "127.0.0.1");
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });

/** Debian's nginx, installed with apt-get when missing (update first if the plain install fails). */
function ensureNginx(): string {
  const which = () => spawnSync("sh", ["-c", "command -v nginx || ls /usr/sbin/nginx"], { encoding: "utf8" });
  let found = which().stdout.trim().split("\n")[0];
  if (found) return found;
  const install = () =>
    spawnSync("apt-get", ["install", "-y", "nginx"], {
      encoding: "utf8",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  let r = install();
  if (r.status !== 0) {
    spawnSync("apt-get", ["update"], { encoding: "utf8" });
    r = install();
  }
  found = which().stdout.trim().split("\n")[0];
  if (!found)
    throw new Error(`apt-get install -y nginx failed: ${(r.stderr || r.error?.message || "").slice(-300)}`);
  return found;
}

/**
 * nginx `proxy_pass` to the upstream: its own config in a temporary folder, in the foreground (no
 * daemon), as the current user, one worker process (Infera and Portkey are one Node process each),
 * keep-alive to the upstream, no buffering (SSE chunks pass as they come), no access log.
 */
export async function startNginx(upstream: Target): Promise<Target | Unavailable> {
  let bin: string;
  try {
    bin = ensureNginx();
  } catch (e) {
    return { name: "nginx", unavailable: (e as Error).message };
  }
  const dir = mkdtempSync(join(tmpdir(), "infera-bench-nginx-"));
  const port = await freePort();
  const up = new URL(upstream.origin);
  // As root, nginx would hand its workers to `nobody`; the current user it is.
  const user = process.getuid?.() === 0 ? `user ${userInfo().username};` : "";
  writeFileSync(
    join(dir, "nginx.conf"),
    `daemon off;
worker_processes 1;
${user}
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream bench { server ${up.host}; keepalive 512; keepalive_requests 1000000; }
  server {
    listen 127.0.0.1:${port};
    keepalive_requests 1000000;
    keepalive_timeout 120s;
    location / {
      proxy_pass http://bench;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
    }
  }
}
`,
  );
  try {
    const p = await spawnReady(
      bin,
      ["-c", join(dir, "nginx.conf"), "-p", dir, "-e", join(dir, "error.log")],
      () => portOpen(port),
    );
    const version = spawnSync(bin, ["-v"], { encoding: "utf8" })
      .stderr.trim()
      .replace(/^nginx version: /, "");
    return {
      ...upstream,
      name: "nginx",
      origin: `http://127.0.0.1:${port}`,
      about: `${version}, \`proxy_pass\`, 1 worker process, upstream keep-alive, \`proxy_buffering off\``,
      async stop() {
        await p.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    return { name: "nginx", unavailable: (e as Error).message.split("\n")[0]! };
  }
}

/**
 * Portkey's open-source gateway from npm, installed into bench/.cache/portkey (never the workspace).
 * `@hono/node-server` is pinned to 1.13.x by an override: the gateway's own range pulls a newer one
 * next to it, with which every streamed answer fails ("TypeError: immutable" on its headers).
 */
function ensurePortkey(): void {
  if (existsSync(PORTKEY_SERVER)) return;
  mkdirSync(PORTKEY_DIR, { recursive: true });
  writeFileSync(
    join(PORTKEY_DIR, "package.json"),
    JSON.stringify({
      private: true,
      dependencies: { "@portkey-ai/gateway": "^1.15.2", "@hono/node-server": "~1.13.8" },
      overrides: { "@hono/node-server": "$@hono/node-server" },
    }),
  );
  const r = spawnSync("npm", ["install", "--prefix", PORTKEY_DIR, "--no-audit", "--no-fund"], {
    encoding: "utf8",
    cwd: PORTKEY_DIR,
  });
  if (r.status !== 0 || !existsSync(PORTKEY_SERVER))
    throw new Error(
      `npm install @portkey-ai/gateway failed: ${(r.stderr || r.error?.message || "").slice(-300)}`,
    );
}

/** Portkey's gateway in front of the upstream as an OpenAI provider with a custom host. */
export async function startPortkey(upstream: Target): Promise<Target | Unavailable> {
  try {
    ensurePortkey();
    const port = await freePort();
    const p = await spawnReady(
      process.execPath,
      [PORTKEY_SERVER, `--port=${port}`, "--headless"],
      /Ready for connections/,
      {
        cwd: PORTKEY_DIR,
        env: { ...process.env, NODE_ENV: "production" },
      },
    );
    const version = (await import(join(PORTKEY_DIR, "node_modules/@portkey-ai/gateway/package.json"), {
      with: { type: "json" },
    })) as { default: { version: string } };
    return {
      ...upstream,
      name: "portkey",
      origin: `http://127.0.0.1:${port}`,
      headers: {
        "content-type": "application/json",
        authorization: "Bearer bench",
        "x-portkey-provider": "openai",
        "x-portkey-custom-host": `${upstream.origin}/v1`,
      },
      about: `\`@portkey-ai/gateway\` ${version.default.version} (Node, one process), provider \`openai\` with \`x-portkey-custom-host\``,
      stop: () => p.stop(),
    };
  } catch (e) {
    return { name: "portkey", unavailable: (e as Error).message.split("\n")[0]! };
  }
}
