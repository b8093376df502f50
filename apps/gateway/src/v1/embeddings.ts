import { handleInference, type InferenceInput, type V1Context } from "./handle-inference.js";
import type { GatewayAnswer } from "./openai-error.js";

/** `POST /v1/embeddings`: one vector per input; never streamed. */
export function embeddings(v1: V1Context, request: InferenceInput): Promise<GatewayAnswer> {
  return handleInference(v1, request, "embeddings", "embeddings");
}
