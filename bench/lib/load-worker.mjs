// Load generator, run in a worker thread so the client's work does not share the server's event loop.
// Plain JavaScript: it is loaded by Node directly, without the TypeScript loader.
import http from "node:http";
import { parentPort, workerData } from "node:worker_threads";

/** @param {{ origin: string, method: string, paths: string[], body?: string, headers: Record<string,string>, expect: number, count: number, warmup: number, concurrency: number, maxMs: number }} spec */
async function run(spec) {
  const url = new URL(spec.origin);
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.concurrency });
  const runTag = Math.random().toString(36).slice(2, 8);
  let next = 0;
  let failures = 0;
  let lastFailure = "";
  const one = (i) =>
    new Promise((resolve, reject) => {
      const path = spec.paths[i % spec.paths.length];
      const body = spec.body?.replaceAll("{i}", String(i)).replaceAll("{run}", runTag);
      const headers = { ...spec.headers };
      if (body !== undefined) {
        headers["content-type"] = "application/json";
        headers["content-length"] = String(Buffer.byteLength(body));
      }
      const started = process.hrtime.bigint();
      const req = http.request(
        { host: url.hostname, port: url.port, path, method: spec.method, headers, agent },
        (res) => {
          const chunks = [];
          res.on("data", (c) => chunks.push(c));
          res.on("end", () => {
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            if (res.statusCode !== spec.expect) {
              failures++;
              lastFailure = `${res.statusCode} ${Buffer.concat(chunks).toString("utf8").slice(0, 300)}`;
            }
            resolve({ ms, bytes: chunks.reduce((s, c) => s + c.length, 0) });
          });
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      if (body !== undefined) req.write(body);
      req.end();
    });

  // Warm-up: same requests, not recorded.
  for (let i = 0; i < spec.warmup; i++) await one(next++);
  const latencies = [];
  let bytes = 0;
  const deadline = Date.now() + spec.maxMs;
  const loop = async () => {
    while (latencies.length < spec.count && Date.now() < deadline) {
      const r = await one(next++);
      latencies.push(r.ms);
      bytes += r.bytes;
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: spec.concurrency }, loop));
  const elapsedMs = Date.now() - started;
  agent.destroy();
  return {
    latencies,
    failures,
    lastFailure,
    elapsedMs,
    bytesPerResponse: bytes / Math.max(1, latencies.length),
  };
}

run(workerData).then(
  (r) => parentPort.postMessage({ ok: true, ...r }),
  (err) => parentPort.postMessage({ ok: false, error: String(err?.stack ?? err) }),
);
