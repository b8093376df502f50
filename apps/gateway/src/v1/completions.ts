import { handleInference, type V1Context } from "./handle-inference.js";

/** `POST /v1/completions`: a prompt completed, streamed or not. */
export function completions(v1: V1Context, request: Request): Promise<Response> {
  return handleInference(v1, request, "completions", "completions");
}
