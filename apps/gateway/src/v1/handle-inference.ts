import type { GatewayDeps } from "../gateway/gateway-deps.js";
import {
  type ResponseShape,
  refuseBeforeRouting,
  serveCall,
  type UpstreamEndpoint,
} from "../gateway/serve-call.js";
import { authenticate } from "./authenticate.js";
import { type GatewayAnswer, openAiErrorAnswer } from "./openai-error.js";
import { parseModel } from "./parse-model.js";
import { type BodyRead, readJsonBody } from "./read-json-body.js";

export interface V1Context {
  deps: GatewayDeps;
  verifier: Parameters<typeof authenticate>[0];
  maxBodyBytes: number;
}

/**
 * What an inference call needs of its HTTP request, from a web `Request` (Hono) or a Node
 * `IncomingMessage` (the raw `/v1` path, `serve-node.ts`).
 */
export interface InferenceInput {
  authorization: string | undefined;
  /** The JSON object body, read with the size limit (called once, after the key is checked). */
  readBody(): Promise<BodyRead>;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

export function webInferenceInput(request: Request, maxBodyBytes: number): InferenceInput {
  return {
    authorization: request.headers.get("authorization") ?? undefined,
    readBody: () => readJsonBody(request, maxBodyBytes),
    signal: request.signal,
  };
}

/**
 * A `/v1` inference call: the key, the body, the model, then the shared call path. `translate` turns
 * another API's body into the upstream endpoint's (the Responses API into chat) with its shape back.
 */
export async function handleInference(
  v1: V1Context,
  request: InferenceInput,
  endpoint: UpstreamEndpoint,
  meteredEndpoint: string,
  translate?: (
    body: Record<string, unknown>,
  ) =>
    | { ok: true; body: Record<string, unknown>; shape: ResponseShape }
    | { ok: false; message: string; param: string },
): Promise<GatewayAnswer> {
  const startedAt = performance.now();
  const auth = await authenticate(v1.verifier, request.authorization);
  if (!auth.ok)
    return auth.caller
      ? refuseBeforeRouting(v1.deps, auth.caller, meteredEndpoint, startedAt, auth.error)
      : openAiErrorAnswer(auth.error);
  const caller = auth.caller;
  const read = await request.readBody();
  if (!read.ok) return refuseBeforeRouting(v1.deps, caller, meteredEndpoint, startedAt, read.error);
  const model = parseModel(read.body.model);
  if (!model)
    return refuseBeforeRouting(v1.deps, caller, meteredEndpoint, startedAt, {
      status: 400,
      code: "missing_model",
      param: "model",
      message: "`model` is required: a service name of your project, or <service>@<revision id>",
    });
  let body = read.body;
  let shape: ResponseShape | undefined;
  if (translate) {
    const t = translate(body);
    if (!t.ok)
      return refuseBeforeRouting(v1.deps, caller, meteredEndpoint, startedAt, {
        status: 400,
        code: "invalid_request",
        param: t.param,
        message: t.message,
      });
    body = t.body;
    shape = t.shape;
  }
  return serveCall(v1.deps, {
    caller,
    service: { name: model.name },
    pinnedRevisionId: model.revisionId,
    endpoint,
    meteredEndpoint,
    body,
    signal: request.signal,
    startedAt,
    shape,
  });
}
