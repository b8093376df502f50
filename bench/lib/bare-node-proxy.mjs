// The ceiling of a Node gateway on this machine (bench/gateway.ts's `node-bare` target): Node's
// `http` server and an undici Pool to the upstream, the body passed through and the answer piped
// back — no key, routing, limits or metering. Plain JavaScript, one process.
import { createServer } from "node:http";
import { Pool } from "undici";

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
server.listen(0, "127.0.0.1", () => process.stdout.write(`LISTENING ${server.address().port}\n`));
