import { newId } from "@infera/core";
import type { ResponseShape } from "../gateway/serve-call.js";
import { handleInference, type V1Context } from "./handle-inference.js";

/**
 * `POST /v1/responses` for text in and out: `input` (a string, or messages whose content is text or
 * `input_text` parts) and `instructions` become a chat call; the chat answer comes back as a
 * Response object, and a stream as the Responses API's events (`response.created`,
 * `response.output_text.delta`, …, `response.completed`). Tools, files and images are refused (400).
 */
export function responses(v1: V1Context, request: Request): Promise<Response> {
  return handleInference(v1, request, "chat/completions", "responses", translateResponsesRequest);
}

type Translated =
  | { ok: true; body: Record<string, unknown>; shape: ResponseShape }
  | { ok: false; message: string; param: string };

export function translateResponsesRequest(body: Record<string, unknown>): Translated {
  const messages: Array<{ role: string; content: string }> = [];
  if (typeof body.instructions === "string" && body.instructions)
    messages.push({ role: "system", content: body.instructions });
  if (typeof body.input === "string") messages.push({ role: "user", content: body.input });
  else if (Array.isArray(body.input)) {
    for (const [i, item] of body.input.entries()) {
      const role = (item as { role?: unknown })?.role;
      const content = textOf((item as { content?: unknown })?.content);
      if (
        typeof role !== "string" ||
        !["system", "developer", "user", "assistant"].includes(role) ||
        content === null
      )
        return {
          ok: false,
          param: `input[${i}]`,
          message: "only text messages (role and text content) are supported",
        };
      messages.push({ role, content });
    }
  } else return { ok: false, param: "input", message: "`input` is required: a string or a list of messages" };
  if (body.tools !== undefined && !(Array.isArray(body.tools) && body.tools.length === 0))
    return {
      ok: false,
      param: "tools",
      message: "tools are not supported by /v1/responses here: use /v1/chat/completions",
    };
  const chat: Record<string, unknown> = { model: body.model, messages, stream: body.stream === true };
  if (typeof body.max_output_tokens === "number") chat.max_tokens = body.max_output_tokens;
  for (const k of ["temperature", "top_p", "seed", "stop"] as const)
    if (body[k] !== undefined) chat[k] = body[k];
  const model = String(body.model);
  return { ok: true, body: chat, shape: responseShape(model) };
}

function textOf(content: unknown): string | null {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return null;
  let text = "";
  for (const part of content) {
    const p = part as { type?: unknown; text?: unknown };
    if (
      (p.type === "input_text" || p.type === "output_text" || p.type === "text") &&
      typeof p.text === "string"
    )
      text += p.text;
    else return null;
  }
  return text;
}

function responseObject(
  id: string,
  model: string,
  status: string,
  text: string | null,
  usage: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number } | null,
  messageId: string,
) {
  return {
    id,
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    status,
    model,
    output:
      text === null
        ? []
        : [
            {
              type: "message",
              id: messageId,
              status: "completed",
              role: "assistant",
              content: [{ type: "output_text", text, annotations: [] }],
            },
          ],
    usage: usage && {
      input_tokens: usage.prompt_tokens ?? 0,
      output_tokens: usage.completion_tokens ?? 0,
      total_tokens: usage.total_tokens ?? (usage.prompt_tokens ?? 0) + (usage.completion_tokens ?? 0),
    },
  };
}

function responseShape(model: string): ResponseShape {
  return {
    json(chat) {
      const choice = (chat.choices as Array<{ message?: { content?: string } }> | undefined)?.[0];
      return responseObject(
        newId("usageRecord").replace(/^usg_/, "resp_"),
        model,
        "completed",
        choice?.message?.content ?? "",
        chat.usage as never,
        newId("usageRecord").replace(/^usg_/, "msg_"),
      );
    },
    stream() {
      const id = newId("usageRecord").replace(/^usg_/, "resp_");
      const messageId = id.replace(/^resp_/, "msg_");
      let sequence = 0;
      let text = "";
      let started = false;
      const event = (type: string, data: Record<string, unknown>) =>
        `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...data })}\n\n`;
      const start = () => {
        if (started) return "";
        started = true;
        return (
          event("response.created", {
            response: responseObject(id, model, "in_progress", null, null, messageId),
          }) +
          event("response.output_item.added", {
            output_index: 0,
            item: { type: "message", id: messageId, status: "in_progress", role: "assistant", content: [] },
          }) +
          event("response.content_part.added", {
            item_id: messageId,
            output_index: 0,
            content_index: 0,
            part: { type: "output_text", text: "", annotations: [] },
          })
        );
      };
      return {
        chunk(chunk) {
          const delta = (chunk.choices as Array<{ delta?: { content?: string } }> | undefined)?.[0]?.delta
            ?.content;
          let out = start();
          if (delta) {
            text += delta;
            out += event("response.output_text.delta", {
              item_id: messageId,
              output_index: 0,
              content_index: 0,
              delta,
            });
          }
          return out;
        },
        end(outcome) {
          const part = { type: "output_text", text, annotations: [] };
          return (
            start() +
            event("response.output_text.done", {
              item_id: messageId,
              output_index: 0,
              content_index: 0,
              text,
            }) +
            event("response.content_part.done", {
              item_id: messageId,
              output_index: 0,
              content_index: 0,
              part,
            }) +
            event("response.output_item.done", {
              output_index: 0,
              item: {
                type: "message",
                id: messageId,
                status: "completed",
                role: "assistant",
                content: [part],
              },
            }) +
            event("response.completed", {
              response: responseObject(id, model, "completed", text, outcome.usage, messageId),
            })
          );
        },
      };
    },
  };
}
