import { handleInference, type V1Context } from "./handle-inference.js";

/** `POST /v1/chat/completions`: passed to the upstream as is (tool calls, response_format), streamed or not. */
export function chatCompletions(v1: V1Context, request: Request): Promise<Response> {
  return handleInference(v1, request, "chat/completions", "chat/completions");
}
