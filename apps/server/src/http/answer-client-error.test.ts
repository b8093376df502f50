import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../testing/test-server.js";

/** Sends bytes as they are (no client library would send these) and reads the whole answer. */
function rawRequest(port: number, data: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(data));
    let out = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk) => {
      out += chunk;
    });
    socket.on("close", () => resolve(out));
    socket.on("error", reject);
  });
}

function parse(answer: string) {
  const [head, body] = answer.split("\r\n\r\n", 2) as [string, string];
  const [statusLine, ...lines] = head.split("\r\n");
  const headers = Object.fromEntries(
    lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]),
  );
  return { status: Number(statusLine!.split(" ")[1]), headers, body: JSON.parse(body) };
}

describe("requests Node's HTTP parser refuses", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.stop());

  it.each([
    ["a space in the path", "GET /api/v1/a b HTTP/1.1\r\nHost: x\r\n\r\n"],
    ["a control character in the path", "GET /api/v1/\u0001 HTTP/1.1\r\nHost: x\r\n\r\n"],
    ["no request line at all", "BLAH\r\n\r\n"],
    ["a header without a colon", "GET /api/v1/tenants HTTP/1.1\r\nHost: x\r\nnot a header\r\n\r\n"],
  ])("%s → 400 with the error envelope", async (_, request) => {
    const res = parse(await rawRequest(server.port, request));
    expect(res.status).toBe(400);
    expect(res.headers["content-type"]).toBe("application/json");
    expect(res.body.error.code).toBe("validation_error");
    expect(res.body.error.message).toMatch(/not valid HTTP/);
    expect(res.body.error.request_id).toBe(res.headers["x-request-id"]);
  });

  it("headers over Node's limit → 431 with the error envelope", async () => {
    const request = `GET /api/v1/tenants HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(40_000)}\r\n\r\n`;
    const res = parse(await rawRequest(server.port, request));
    expect(res.status).toBe(431);
    expect(res.body.error).toMatchObject({
      code: "validation_error",
      message: "request headers are too large",
    });
    expect(res.body.error.request_id).toMatch(/^req_/);
  });

  it("a path that is not valid percent-encoding still reaches the app and answers 404", async () => {
    const res = parse(
      await rawRequest(server.port, "GET /api/v1/% HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
    );
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });
});
