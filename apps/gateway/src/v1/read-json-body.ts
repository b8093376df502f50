import type { GatewayError } from "./openai-error.js";

/**
 * The request's JSON object, read with a size limit: a wrong content type, no body, malformed JSON or
 * not an object is a 400 (415 never: OpenAI's clients read 400s), more than `maxBytes` a 413.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<BodyRead> {
  const refused = refuseBeforeReading(
    request.headers.get("content-type") ?? undefined,
    request.headers.get("content-length") ?? undefined,
    maxBytes,
  );
  if (refused) return refused;
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
  return parseJsonObject(text);
}

export type BodyRead = { ok: true; body: Record<string, unknown> } | { ok: false; error: GatewayError };

/** The checks made before a byte of the body is read: its content type, and a declared length over the limit. */
export function refuseBeforeReading(
  contentType: string | undefined,
  contentLength: string | undefined,
  maxBytes: number,
): Extract<BodyRead, { ok: false }> | null {
  const type = contentType ?? "";
  if (!/^application\/json\b/i.test(type))
    return bad(
      "unsupported_content_type",
      `send the request body as application/json, not ${type || "nothing"}`,
    );
  if (Number(contentLength ?? "0") > maxBytes) return tooLarge(maxBytes);
  return null;
}

/** The body's text as a JSON object, or the 400 that says why not. */
export function parseJsonObject(text: string): BodyRead {
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

export function tooLarge(maxBytes: number) {
  return {
    ok: false as const,
    error: {
      status: 413,
      code: "request_too_large",
      message: `the request body is larger than ${maxBytes} bytes`,
    },
  };
}
