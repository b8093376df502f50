import { newId } from "@infera/core";
import type { ResponseShape } from "../gateway/serve-call.js";

/**
 * The chat answer as a Response object, and a chat stream as the Responses API's events, as
 * OpenAI sends them: one output item per assistant text (`message`) and per tool call
 * (`function_call`), each opened (`response.output_item.added`), filled (`output_text.delta` /
 * `function_call_arguments.delta`), closed (`….done`, `response.output_item.done`) in turn.
 */

type Usage = { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number } | null;

interface ChatToolCallDelta {
  index?: number;
  id?: string;
  function?: { name?: string; arguments?: string };
}

interface MessageItem {
  type: "message";
  id: string;
  status: string;
  role: "assistant";
  content: Array<{ type: "output_text"; text: string; annotations: [] }>;
}

interface FunctionCallItem {
  type: "function_call";
  id: string;
  call_id: string;
  name: string;
  arguments: string;
  status: string;
}

type OutputItem = MessageItem | FunctionCallItem;

/** What the Response object echoes of the request (tools, tool_choice…), as OpenAI's does. */
export interface RequestEcho {
  model: string;
  tools: unknown[];
  tool_choice: unknown;
  parallel_tool_calls: boolean;
  instructions: unknown;
}

const idOf = (prefix: string) => newId("usageRecord").replace(/^usg_/, `${prefix}_`);

function responseObject(id: string, echo: RequestEcho, status: string, output: OutputItem[], usage: Usage) {
  return {
    id,
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    status,
    model: echo.model,
    instructions: echo.instructions ?? null,
    output,
    tools: echo.tools,
    tool_choice: echo.tool_choice,
    parallel_tool_calls: echo.parallel_tool_calls,
    // Nothing is kept: a later call cannot name this response (previous_response_id is refused).
    store: false,
    usage: usage && {
      input_tokens: usage.prompt_tokens ?? 0,
      output_tokens: usage.completion_tokens ?? 0,
      total_tokens: usage.total_tokens ?? (usage.prompt_tokens ?? 0) + (usage.completion_tokens ?? 0),
    },
  };
}

const message = (id: string, text: string, status = "completed"): MessageItem => ({
  type: "message",
  id,
  status,
  role: "assistant",
  content: [{ type: "output_text", text, annotations: [] }],
});

export function responseShape(echo: RequestEcho): ResponseShape {
  return {
    json(chat) {
      const choice = (
        chat.choices as
          | Array<{ message?: { content?: string | null; tool_calls?: ChatToolCallDelta[] } }>
          | undefined
      )?.[0];
      const text = choice?.message?.content ?? "";
      const calls = choice?.message?.tool_calls ?? [];
      const output: OutputItem[] = [];
      if (text || calls.length === 0) output.push(message(idOf("msg"), text));
      for (const call of calls)
        output.push({
          type: "function_call",
          id: idOf("fc"),
          call_id: call.id ?? idOf("call"),
          name: call.function?.name ?? "",
          arguments: call.function?.arguments ?? "",
          status: "completed",
        });
      return responseObject(idOf("resp"), echo, "completed", output, chat.usage as Usage);
    },
    stream: () => streamShape(echo),
  };
}

function streamShape(echo: RequestEcho): ReturnType<ResponseShape["stream"]> {
  const id = idOf("resp");
  let sequence = 0;
  let created = false;
  const output: OutputItem[] = [];
  /** The item being filled, and (for a tool call) the chat stream's index of its call. */
  let open: { item: OutputItem; callIndex: number | null } | null = null;
  const event = (type: string, data: Record<string, unknown>) =>
    `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...data })}\n\n`;
  const create = () => {
    if (created) return "";
    created = true;
    return event("response.created", { response: responseObject(id, echo, "in_progress", [], null) });
  };
  const close = () => {
    if (!open) return "";
    const { item } = open;
    const output_index = output.length - 1;
    open = null;
    item.status = "completed";
    if (item.type === "function_call")
      return (
        event("response.function_call_arguments.done", {
          item_id: item.id,
          output_index,
          name: item.name,
          arguments: item.arguments,
        }) + event("response.output_item.done", { output_index, item })
      );
    const part = item.content[0]!;
    const where = { item_id: item.id, output_index, content_index: 0 };
    return (
      event("response.output_text.done", { ...where, text: part.text }) +
      event("response.content_part.done", { ...where, part }) +
      event("response.output_item.done", { output_index, item })
    );
  };
  const openMessage = () => {
    const item = message(idOf("msg"), "", "in_progress");
    output.push(item);
    open = { item, callIndex: null };
    const output_index = output.length - 1;
    return (
      event("response.output_item.added", { output_index, item: { ...item, content: [] } }) +
      event("response.content_part.added", {
        item_id: item.id,
        output_index,
        content_index: 0,
        part: { type: "output_text", text: "", annotations: [] },
      })
    );
  };
  const text = (delta: string) => {
    let out = "";
    if (open?.item.type !== "message") out += close() + openMessage();
    const item = open!.item as MessageItem;
    item.content[0]!.text += delta;
    return (
      out +
      event("response.output_text.delta", {
        item_id: item.id,
        output_index: output.length - 1,
        content_index: 0,
        delta,
      })
    );
  };
  const toolCall = (call: ChatToolCallDelta) => {
    let out = "";
    const index = call.index ?? 0;
    if (open?.callIndex !== index) {
      out += close();
      const item: FunctionCallItem = {
        type: "function_call",
        id: idOf("fc"),
        call_id: call.id ?? idOf("call"),
        name: call.function?.name ?? "",
        arguments: "",
        status: "in_progress",
      };
      output.push(item);
      open = { item, callIndex: index };
      out += event("response.output_item.added", { output_index: output.length - 1, item });
    }
    const item = open!.item as FunctionCallItem;
    const delta = call.function?.arguments ?? "";
    if (!delta) return out;
    item.arguments += delta;
    return (
      out +
      event("response.function_call_arguments.delta", {
        item_id: item.id,
        output_index: output.length - 1,
        delta,
      })
    );
  };
  return {
    chunk(chunk) {
      const delta = (
        chunk.choices as
          | Array<{ delta?: { content?: string | null; tool_calls?: ChatToolCallDelta[] } }>
          | undefined
      )?.[0]?.delta;
      let out = create();
      if (delta?.content) out += text(delta.content);
      for (const call of delta?.tool_calls ?? []) out += toolCall(call);
      return out;
    },
    end(outcome) {
      // An answer without any text nor call is still one (empty) message, as OpenAI's are.
      const out = create() + (output.length === 0 ? openMessage() : "") + close();
      return (
        out +
        event("response.completed", {
          response: responseObject(id, echo, "completed", output, outcome.usage),
        })
      );
    },
  };
}
