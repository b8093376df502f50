import type { GatewayError } from "./openai-error.js";

/**
 * The request's JSON object, read with a size limit: a wrong content type, no body, malformed JSON or
 * not an object is a 400 (415 never: OpenAI's clients read 400s), more than `maxBytes` a 413.
 */
export async function readJsonBody(
  request: Request,
  maxBytes: number,
): Promise<{ ok: true; body: Record<string, unknown> } | { ok: false; error: GatewayError }> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type))
    return bad(
      "unsupported_content_type",
      `send the request body as application/json, not ${type || "nothing"}`,
    );
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return tooLarge(maxBytes);
  let text: string;
  if (request.headers.has("content-length")) {
    // A declared length bounds the read (Node's parser stops there), so the body is read whole:
    // the server adapter's fast path, without a web stream per call.
    text = await request.text();
  } else {
    if (!request.body) return bad("invalid_json", "the request has no body: send a JSON object");
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > maxBytes) return tooLarge(maxBytes);
      chunks.push(chunk);
    }
    text = Buffer.concat(chunks).toString("utf8");
  }
  if (text.length === 0) return bad("invalid_json", "the request has no body: send a JSON object");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    return bad("invalid_json", `the request body is not valid JSON: ${(err as Error).message}`);
  }
  if (!body || typeof body !== "object" || Array.isArray(body))
    return bad("invalid_json", "the request body must be a JSON object");
  return { ok: true, body: body as Record<string, unknown> };
}

function bad(code: string, message: string) {
  return { ok: false as const, error: { status: 400, code, message } };
}

function tooLarge(maxBytes: number) {
  return {
    ok: false as const,
    error: {
      status: 413,
      code: "request_too_large",
      message: `the request body is larger than ${maxBytes} bytes`,
    },
  };
}
