import type { ResponseShape } from "../gateway/serve-call.js";
import { handleInference, type V1Context } from "./handle-inference.js";
import { responseShape } from "./responses-output.js";
import { chatBodyOfResponsesRequest } from "./responses-request.js";

/**
 * `POST /v1/responses`, translated to a chat call and back: text messages, `instructions`, function
 * tools with `tool_choice` and `parallel_tool_calls`, earlier `function_call` items and their
 * `function_call_output`s in `input`; the answer as a Response object (`message` and
 * `function_call` output items), or a stream of the Responses API's events. Built-in tools, images,
 * files and stored responses (`previous_response_id`) are refused (400, the param named).
 */
export function responses(v1: V1Context, request: Request): Promise<Response> {
  return handleInference(v1, request, "chat/completions", "responses", translateResponsesRequest);
}

type Translated =
  | { ok: true; body: Record<string, unknown>; shape: ResponseShape }
  | { ok: false; message: string; param: string };

export function translateResponsesRequest(body: Record<string, unknown>): Translated {
  const chat = chatBodyOfResponsesRequest(body);
  if (!chat.ok) return chat;
  const tools = Array.isArray(body.tools) ? body.tools : [];
  return {
    ok: true,
    body: chat.value,
    shape: responseShape({
      model: String(body.model),
      instructions: body.instructions,
      tools,
      tool_choice: body.tool_choice ?? "auto",
      parallel_tool_calls: body.parallel_tool_calls !== false,
    }),
  };
}
