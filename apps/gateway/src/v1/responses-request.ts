/**
 * The Responses API's request as a chat request: `instructions` and `input` (text messages, earlier
 * `function_call` items and their `function_call_output`s) become `messages`; function `tools`,
 * `tool_choice` and `parallel_tool_calls` become chat's. What has no chat equivalent here — built-in
 * tools, images, files, stored responses — is refused with the param named.
 */

export type Refusal = { ok: false; message: string; param: string };
type Translated<T> = { ok: true; value: T } | Refusal;

export interface ChatToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export interface ChatMessage {
  role: string;
  content: string | null;
  tool_calls?: ChatToolCall[];
  tool_call_id?: string;
}

const refuse = (param: string, message: string): Refusal => ({ ok: false, param, message });
const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** OpenAI's rule for function names. */
const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** Fields of the Responses API that need state this gateway does not keep. */
const STATEFUL = ["previous_response_id", "conversation"] as const;

export function chatBodyOfResponsesRequest(
  body: Record<string, unknown>,
): Translated<Record<string, unknown>> {
  for (const field of STATEFUL)
    if (body[field] !== undefined && body[field] !== null)
      return refuse(
        field,
        `\`${field}\` is not supported: responses are not stored here; send the whole conversation in \`input\``,
      );
  const messages = messagesOf(body);
  if (!messages.ok) return messages;
  const chat: Record<string, unknown> = {
    model: body.model,
    messages: messages.value,
    stream: body.stream === true,
  };
  const tools = toolsOf(body.tools);
  if (!tools.ok) return tools;
  if (tools.value.length) chat.tools = tools.value;
  if (body.tool_choice !== undefined && body.tool_choice !== null) {
    const choice = toolChoiceOf(body.tool_choice, tools.value);
    if (!choice.ok) return choice;
    chat.tool_choice = choice.value;
  }
  if (body.parallel_tool_calls !== undefined && body.parallel_tool_calls !== null) {
    if (typeof body.parallel_tool_calls !== "boolean")
      return refuse("parallel_tool_calls", "`parallel_tool_calls` must be a boolean");
    if (tools.value.length) chat.parallel_tool_calls = body.parallel_tool_calls;
  }
  if (typeof body.max_output_tokens === "number") chat.max_tokens = body.max_output_tokens;
  for (const k of ["temperature", "top_p", "seed", "stop"] as const)
    if (body[k] !== undefined) chat[k] = body[k];
  return { ok: true, value: chat };
}

function messagesOf(body: Record<string, unknown>): Translated<ChatMessage[]> {
  const messages: ChatMessage[] = [];
  if (typeof body.instructions === "string" && body.instructions)
    messages.push({ role: "system", content: body.instructions });
  if (typeof body.input === "string") {
    messages.push({ role: "user", content: body.input });
    return { ok: true, value: messages };
  }
  if (!Array.isArray(body.input))
    return refuse("input", "`input` is required: a string or a list of messages and function call items");
  for (const [i, item] of body.input.entries()) {
    const param = `input[${i}]`;
    if (!isObject(item)) return refuse(param, "an input item must be an object");
    const type = item.type ?? "message";
    if (type === "function_call") {
      const call = functionCallOf(item, param);
      if (!call.ok) return call;
      // Calls that follow an assistant turn (its text, or calls made in parallel) belong to it.
      const last = messages.at(-1);
      if (last?.role === "assistant") last.tool_calls = [...(last.tool_calls ?? []), call.value];
      else messages.push({ role: "assistant", content: null, tool_calls: [call.value] });
    } else if (type === "function_call_output") {
      if (typeof item.call_id !== "string" || !item.call_id)
        return refuse(`${param}.call_id`, "a function_call_output needs the `call_id` of its function_call");
      const output = textOf(item.output, `${param}.output`);
      if (!output.ok) return output;
      messages.push({ role: "tool", tool_call_id: item.call_id, content: output.value });
    } else if (type === "message") {
      const role = item.role;
      if (typeof role !== "string" || !["system", "developer", "user", "assistant"].includes(role))
        return refuse(`${param}.role`, "a message's role is system, developer, user or assistant");
      const content = textOf(item.content, `${param}.content`);
      if (!content.ok) return content;
      messages.push({ role, content: content.value });
    } else
      return refuse(
        `${param}.type`,
        `input items of type \`${String(type)}\` are not supported: messages, function_call and function_call_output are`,
      );
  }
  return { ok: true, value: messages };
}

function functionCallOf(item: Record<string, unknown>, param: string): Translated<ChatToolCall> {
  if (typeof item.call_id !== "string" || !item.call_id)
    return refuse(`${param}.call_id`, "a function_call needs its `call_id`");
  if (typeof item.name !== "string" || !item.name)
    return refuse(`${param}.name`, "a function_call needs its `name`");
  if (typeof item.arguments !== "string")
    return refuse(`${param}.arguments`, "a function_call's `arguments` is a JSON string");
  return {
    ok: true,
    value: { id: item.call_id, type: "function", function: { name: item.name, arguments: item.arguments } },
  };
}

/** Text content: a string, or text parts; images and files are refused by their part's param. */
function textOf(content: unknown, param: string): Translated<string> {
  if (typeof content === "string") return { ok: true, value: content };
  if (!Array.isArray(content)) return refuse(param, "content must be a string or a list of text parts");
  let text = "";
  for (const [j, part] of content.entries()) {
    const p = isObject(part) ? part : {};
    if (["input_text", "output_text", "text"].includes(String(p.type)) && typeof p.text === "string")
      text += p.text;
    else
      return refuse(
        `${param}[${j}]`,
        `content parts of type \`${String(p.type)}\` are not supported (images and files are not): text parts are`,
      );
  }
  return { ok: true, value: text };
}

interface ChatTool {
  type: "function";
  function: { name: string; description?: string; parameters?: unknown; strict?: boolean };
}

function toolsOf(tools: unknown): Translated<ChatTool[]> {
  if (tools === undefined || tools === null) return { ok: true, value: [] };
  if (!Array.isArray(tools)) return refuse("tools", "`tools` must be a list");
  const out: ChatTool[] = [];
  for (const [i, tool] of tools.entries()) {
    const param = `tools[${i}]`;
    if (!isObject(tool)) return refuse(param, "a tool must be an object");
    if (tool.type !== "function")
      return refuse(
        `${param}.type`,
        `built-in tools (\`${String(tool.type)}\`) are not supported here: only tools of type \`function\` are`,
      );
    if (typeof tool.name !== "string" || !FUNCTION_NAME.test(tool.name))
      return refuse(`${param}.name`, "a function tool's `name` is 1 to 64 letters, digits, _ or -");
    if (out.some((t) => t.function.name === tool.name))
      return refuse(`${param}.name`, `two tools are named \`${tool.name}\``);
    if (tool.description !== undefined && tool.description !== null && typeof tool.description !== "string")
      return refuse(`${param}.description`, "a function tool's `description` is a string");
    if (tool.parameters !== undefined && tool.parameters !== null && !isObject(tool.parameters))
      return refuse(`${param}.parameters`, "a function tool's `parameters` is a JSON Schema object");
    if (tool.strict !== undefined && tool.strict !== null && typeof tool.strict !== "boolean")
      return refuse(`${param}.strict`, "a function tool's `strict` is a boolean");
    const fn: ChatTool["function"] = { name: tool.name };
    if (typeof tool.description === "string") fn.description = tool.description;
    if (isObject(tool.parameters)) fn.parameters = tool.parameters;
    if (typeof tool.strict === "boolean") fn.strict = tool.strict;
    out.push({ type: "function", function: fn });
  }
  return { ok: true, value: out };
}

function toolChoiceOf(choice: unknown, tools: ChatTool[]): Translated<unknown> {
  if (choice === "auto" || choice === "none" || choice === "required") {
    if (choice === "required" && tools.length === 0)
      return refuse("tool_choice", "`tool_choice` `required` needs function `tools`");
    return { ok: true, value: choice };
  }
  if (isObject(choice) && choice.type === "function") {
    if (typeof choice.name !== "string" || !tools.some((t) => t.function.name === choice.name))
      return refuse("tool_choice.name", "`tool_choice` names a function that is not among `tools`");
    return { ok: true, value: { type: "function", function: { name: choice.name } } };
  }
  return refuse(
    "tool_choice",
    "`tool_choice` is auto, none, required or {type: function, name}: built-in tools are not supported here",
  );
}
