// The ceiling of a Node gateway on this machine (bench/gateway.ts's `node-bare` target): Node's
// `http` server and an undici Pool to the upstream, the body passed through and the answer piped
// back — no key, routing, limits or metering. Plain JavaScript, one process; BARE_PROCESSES=N forks
// N of them sharing the port with Node's cluster (the ceiling of INFERA_GATEWAY_PROCESSES=N).
import cluster from "node:cluster";
import { createServer } from "node:http";
import { Pool } from "undici";

const processes = Number(process.env.BARE_PROCESSES ?? 1);
if (processes > 1 && cluster.isPrimary) {
  let ready = 0;
  for (let i = 0; i < processes; i++)
    cluster.fork().on("message", (port) => {
      if (++ready === processes) process.stdout.write(`LISTENING ${port}\n`);
    });
  process.on("SIGTERM", () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGKILL");
    process.exit(0);
  });
} else serve();

function serve() {
  const upstream = new Pool(process.argv[2], { connections: 256, keepAliveTimeout: 30_000 });
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    try {
      const up = await upstream.request({
        path: req.url,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: Buffer.concat(chunks),
      });
      res.writeHead(up.statusCode, { "content-type": up.headers["content-type"] ?? "application/json" });
      for await (const c of up.body) res.write(c);
      res.end();
    } catch (err) {
      res.writeHead(502).end(String(err));
    }
  });
  server.keepAliveTimeout = 60_000;
  // Port 0 under cluster: every process gets the one port the primary chose.
  server.listen(0, "127.0.0.1", () =>
    cluster.isWorker
      ? process.send(server.address().port)
      : process.stdout.write(`LISTENING ${server.address().port}\n`),
  );
}
