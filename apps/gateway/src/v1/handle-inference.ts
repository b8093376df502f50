import type { GatewayDeps } from "../gateway/gateway-deps.js";
import {
  type ResponseShape,
  refuseBeforeRouting,
  serveCall,
  type UpstreamEndpoint,
} from "../gateway/serve-call.js";
import { authenticate } from "./authenticate.js";
import { openAiErrorResponse } from "./openai-error.js";
import { parseModel } from "./parse-model.js";
import { readJsonBody } from "./read-json-body.js";

export interface V1Context {
  deps: GatewayDeps;
  verifier: Parameters<typeof authenticate>[0];
  maxBodyBytes: number;
}

/**
 * A `/v1` inference call: the key, the body, the model, then the shared call path. `translate` turns
 * another API's body into the upstream endpoint's (the Responses API into chat) with its shape back.
 */
export async function handleInference(
  v1: V1Context,
  request: Request,
  endpoint: UpstreamEndpoint,
  meteredEndpoint: string,
  translate?: (
    body: Record<string, unknown>,
  ) =>
    | { ok: true; body: Record<string, unknown>; shape: ResponseShape }
    | { ok: false; message: string; param: string },
): Promise<Response> {
  const startedAt = performance.now();
  const auth = await authenticate(v1.verifier, request.headers.get("authorization") ?? undefined);
  if (!auth.ok)
    return auth.caller
      ? refuseBeforeRouting(v1.deps, auth.caller, meteredEndpoint, startedAt, auth.error)
      : openAiErrorResponse(auth.error);
  const caller = auth.caller;
  const read = await readJsonBody(request, v1.maxBodyBytes);
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
