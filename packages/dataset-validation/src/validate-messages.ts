import type { ChatMessage } from "./types.js";

const ROLES = new Set(["system", "user", "assistant", "tool"]);
const MESSAGE_KEYS = new Set(["role", "content", "name", "tool_calls", "tool_call_id", "weight"]);

export type MessagesResult = { ok: true; messages: ChatMessage[] } | { ok: false; error: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export const describe = (v: unknown): string =>
  v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : typeof v;

/**
 * Checks an OpenAI-shaped conversation: roles system|user|assistant|tool, string contents, assistant
 * `tool_calls` ({id, type: "function", function: {name, arguments}}), each tool message answering
 * an earlier call by `tool_call_id`, and (when `needAssistant`) at least one assistant turn.
 */
export function validateMessages(value: unknown, field: string, needAssistant: boolean): MessagesResult {
  if (!Array.isArray(value)) return { ok: false, error: `${field} must be an array of messages` };
  if (value.length === 0) return { ok: false, error: `${field} is empty` };
  const messages: ChatMessage[] = [];
  const callIds = new Set<string>();
  let assistant = false;
  for (let i = 0; i < value.length; i++) {
    const m = value[i];
    const at = `${field}[${i}]`;
    if (!isObject(m)) return { ok: false, error: `${at} must be an object, got ${describe(m)}` };
    for (const key of Object.keys(m))
      if (!MESSAGE_KEYS.has(key)) return { ok: false, error: `${at} has unexpected field "${key}"` };
    const role = m.role;
    if (role === undefined) return { ok: false, error: `${at} is missing "role"` };
    if (typeof role !== "string" || !ROLES.has(role))
      return {
        ok: false,
        error: `${at}.role must be one of system, user, assistant, tool (got ${JSON.stringify(role)})`,
      };
    const out: ChatMessage = { role: role as ChatMessage["role"], content: "" };
    if (m.name !== undefined) {
      if (typeof m.name !== "string") return { ok: false, error: `${at}.name must be a string` };
      out.name = m.name;
    }
    if (role === "assistant") {
      assistant = true;
      const calls = m.tool_calls;
      if (calls !== undefined) {
        const error = checkToolCalls(calls, `${at}.tool_calls`, callIds);
        if (error) return { ok: false, error };
        out.tool_calls = calls as unknown[];
      }
      const hasCalls = Array.isArray(calls) && calls.length > 0;
      if (m.content === undefined || m.content === null) {
        if (!hasCalls) return { ok: false, error: `${at} is missing "content" (and has no tool_calls)` };
      } else if (typeof m.content !== "string") {
        return { ok: false, error: `${at}.content must be a string, got ${describe(m.content)}` };
      } else out.content = m.content;
      if (m.weight !== undefined) {
        if (m.weight !== 0 && m.weight !== 1) return { ok: false, error: `${at}.weight must be 0 or 1` };
        out.weight = m.weight;
      }
    } else {
      if (m.content === undefined) return { ok: false, error: `${at} is missing "content"` };
      if (typeof m.content !== "string")
        return { ok: false, error: `${at}.content must be a string, got ${describe(m.content)}` };
      out.content = m.content;
      if (m.tool_calls !== undefined)
        return { ok: false, error: `${at}: only assistant messages may have tool_calls` };
      if (m.weight !== undefined)
        return { ok: false, error: `${at}: only assistant messages may have weight` };
    }
    if (role === "tool") {
      if (typeof m.tool_call_id !== "string")
        return { ok: false, error: `${at} (tool) is missing "tool_call_id"` };
      if (!callIds.has(m.tool_call_id))
        return {
          ok: false,
          error: `${at}.tool_call_id "${m.tool_call_id}" answers no earlier assistant tool call`,
        };
      out.tool_call_id = m.tool_call_id;
    } else if (m.tool_call_id !== undefined) {
      return { ok: false, error: `${at}: only tool messages may have tool_call_id` };
    }
    messages.push(out);
  }
  if (needAssistant && !assistant)
    return { ok: false, error: `${field} has no assistant message (nothing to learn from)` };
  return { ok: true, messages };
}

function checkToolCalls(calls: unknown, at: string, ids: Set<string>): string | undefined {
  if (!Array.isArray(calls)) return `${at} must be an array`;
  for (let j = 0; j < calls.length; j++) {
    const c = calls[j];
    const cat = `${at}[${j}]`;
    if (!isObject(c)) return `${cat} must be an object`;
    if (typeof c.id !== "string" || c.id === "") return `${cat} is missing "id"`;
    if (c.type !== "function") return `${cat}.type must be "function"`;
    const fn = c.function;
    if (!isObject(fn)) return `${cat} is missing "function"`;
    if (typeof fn.name !== "string" || fn.name === "") return `${cat}.function is missing "name"`;
    if (typeof fn.arguments !== "string") return `${cat}.function.arguments must be a JSON string`;
    ids.add(c.id);
  }
  return undefined;
}
