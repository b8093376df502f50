import { handleInference, type InferenceInput, type V1Context } from "./handle-inference.js";
import type { GatewayAnswer } from "./openai-error.js";

/** `POST /v1/completions`: a prompt completed, streamed or not. */
export function completions(v1: V1Context, request: InferenceInput): Promise<GatewayAnswer> {
  return handleInference(v1, request, "completions", "completions");
}
