// The gateway bench's upstream: an OpenAI-compatible endpoint that answers at once with a fixed
// chat completion, so that what a proxy in front of it adds is all that differs between targets.
// Plain JavaScript, run as its own process (`node fixed-upstream.mjs <chunks>`): its CPU is not the
// load generator's. Prints `LISTENING <port>` once it accepts connections.
import http from "node:http";

const CHUNKS = Number(process.argv[2] ?? 16);
const created = Math.floor(Date.now() / 1000);
const usage = { prompt_tokens: 12, completion_tokens: CHUNKS, total_tokens: 12 + CHUNKS };
const base = { id: "chatcmpl-bench", created, model: "bench-upstream", system_fingerprint: null };

const completion = Buffer.from(
  JSON.stringify({
    ...base,
    object: "chat.completion",
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: " token".repeat(CHUNKS).trim() },
        logprobs: null,
        finish_reason: "stop",
      },
    ],
    usage,
  }),
);
const sse = (o) => Buffer.from(`data: ${JSON.stringify(o)}\n\n`);
const chunk = (delta, finish) =>
  sse({
    ...base,
    object: "chat.completion.chunk",
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
// The first chunk names the role; then CHUNKS content chunks, the last with finish_reason; then
// the usage chunk (`stream_options.include_usage`'s shape) and [DONE].
const streamed = [
  chunk({ role: "assistant", content: "" }, null),
  ...Array.from({ length: CHUNKS }, (_, i) => chunk({ content: " token" }, i === CHUNKS - 1 ? "stop" : null)),
  sse({ ...base, object: "chat.completion.chunk", choices: [], usage }),
  Buffer.from("data: [DONE]\n\n"),
];
const models = Buffer.from(
  JSON.stringify({ object: "list", data: [{ id: "bench-upstream", object: "model", owned_by: "bench" }] }),
);

const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url?.endsWith("/v1/models")) {
    res.writeHead(200, { "content-type": "application/json", "content-length": models.length });
    return res.end(models);
  }
  if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
    res.writeHead(404, { "content-type": "application/json" });
    return res.end('{"error":{"message":"not found"}}');
  }
  const parts = [];
  req.on("data", (c) => parts.push(c));
  req.on("end", () => {
    let stream = false;
    try {
      stream = JSON.parse(Buffer.concat(parts).toString("utf8")).stream === true;
    } catch {
      res.writeHead(400, { "content-type": "application/json" });
      return res.end('{"error":{"message":"malformed JSON"}}');
    }
    if (!stream) {
      res.writeHead(200, { "content-type": "application/json", "content-length": completion.length });
      return res.end(completion);
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    // One write per event, as a model server sends them: the first reaches the client on its own.
    for (const part of streamed) res.write(part);
    res.end();
  });
});
// Proxies keep their upstream connections open; so does the load generator.
server.keepAliveTimeout = 120_000;
server.headersTimeout = 121_000;
server.listen(0, "127.0.0.1", () => console.log(`LISTENING ${server.address().port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
