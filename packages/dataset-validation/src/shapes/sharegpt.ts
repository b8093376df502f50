import type { ChatMessage } from "../types.js";
import { describe } from "../validate-messages.js";
import type { RecordResult } from "../validate-record.js";
import { isObject } from "./shape.js";

const fail = (message: string): RecordResult => ({ ok: false, code: "invalid_record", message });

/** ShareGPT roles → chat roles; `function_call` becomes an assistant turn with `tool_calls`. */
const ROLE: Record<string, ChatMessage["role"]> = {
  human: "user",
  gpt: "assistant",
  function_call: "assistant",
  observation: "tool",
  system: "system",
};
/** Turns alternate as in LLaMA-Factory: asking turns at even positions, answering turns at odd ones. */
const ASKING = new Set(["human", "observation"]);
const ANSWERING = new Set(["gpt", "function_call"]);

type Turns = { messages: ChatMessage[]; lastCalls: string[] } | { error: string };

/**
 * One ShareGPT turn `{from, value}` as a chat message. A `function_call` value is a JSON string of
 * `{name, arguments}` (or an array of them); each call gets the id `call_<turn>_<n>`, which the
 * `observation` turn right after answers (`tool_call_id`).
 */
function turn(
  m: unknown,
  at: string,
  index: number,
  lastCalls: string[],
): { message: ChatMessage; calls: string[] } | { error: string } {
  if (!isObject(m)) return { error: `${at} must be an object {from, value}, got ${describe(m)}` };
  for (const key of Object.keys(m))
    if (key !== "from" && key !== "value") return { error: `${at} has unexpected field "${key}"` };
  const from = m.from;
  if (typeof from !== "string" || !(from in ROLE))
    return {
      error: `${at}.from must be one of human, gpt, system, function_call, observation (got ${JSON.stringify(from)})`,
    };
  if (typeof m.value !== "string") return { error: `${at}.value must be a string, got ${describe(m.value)}` };
  const role = ROLE[from]!;
  if (from === "function_call") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(m.value);
    } catch {
      return { error: `${at}.value (function_call) must be JSON {"name", "arguments"}` };
    }
    const list = Array.isArray(parsed) ? parsed : [parsed];
    const calls: unknown[] = [];
    const ids: string[] = [];
    for (let j = 0; j < list.length; j++) {
      const c = list[j];
      if (!isObject(c) || typeof c.name !== "string" || c.name === "")
        return { error: `${at}.value (function_call) must name the function: {"name", "arguments"}` };
      const args = c.arguments ?? {};
      const id = `call_${index}_${j}`;
      ids.push(id);
      calls.push({
        id,
        type: "function",
        function: { name: c.name, arguments: typeof args === "string" ? args : JSON.stringify(args) },
      });
    }
    if (calls.length === 0) return { error: `${at}.value (function_call) holds no call` };
    return { message: { role, content: "", tool_calls: calls }, calls: ids };
  }
  if (from === "observation") {
    if (lastCalls.length === 0)
      return { error: `${at} (observation) answers no function_call turn right before it` };
    return { message: { role, content: m.value, tool_call_id: lastCalls[0]! }, calls: [] };
  }
  return { message: { role, content: m.value }, calls: [] };
}

/** The conversation as chat messages: `system` first (field or a leading system turn), then the alternating turns. */
function conversation(value: Record<string, unknown>, endsAnswering: boolean): Turns {
  const { conversations, system } = value;
  if (!Array.isArray(conversations))
    return { error: "conversations must be an array of {from, value} turns" };
  if (conversations.length === 0) return { error: "conversations is empty" };
  if (system !== undefined && system !== null && typeof system !== "string")
    return { error: `system must be a string, got ${describe(system)}` };
  const messages: ChatMessage[] = [];
  if (typeof system === "string" && system !== "") messages.push({ role: "system", content: system });
  let first = 0;
  const head = conversations[0];
  if (isObject(head) && head.from === "system") {
    if (typeof head.value !== "string")
      return { error: `conversations[0].value must be a string, got ${describe(head.value)}` };
    if (messages.length > 0)
      return { error: "conversations[0] is a system turn but the record also has a system field" };
    messages.push({ role: "system", content: head.value });
    first = 1;
  }
  let lastCalls: string[] = [];
  for (let i = first; i < conversations.length; i++) {
    const at = `conversations[${i}]`;
    const m = conversations[i];
    const from = isObject(m) ? m.from : undefined;
    const asking = (i - first) % 2 === 0;
    if (typeof from === "string" && from in ROLE) {
      if (from === "system") return { error: `${at}: a system turn may only come first` };
      if (asking && !ASKING.has(from))
        return {
          error: `${at}.from must be human or observation (turns alternate, starting with human), got "${from}"`,
        };
      if (!asking && !ANSWERING.has(from))
        return {
          error: `${at}.from must be gpt or function_call (turns alternate, starting with human), got "${from}"`,
        };
    }
    const t = turn(m, at, i, lastCalls);
    if ("error" in t) return t;
    messages.push(t.message);
    lastCalls = t.calls;
  }
  const turns = conversations.length - first;
  if (turns === 0) return { error: "conversations has no turn after the system turn" };
  if (endsAnswering && turns % 2 !== 0)
    return { error: "conversations must end with a gpt or function_call turn (nothing to learn from)" };
  if (!endsAnswering && turns % 2 === 0)
    return {
      error: "conversations must end with a human or observation turn (chosen and rejected answer it)",
    };
  return { messages, lastCalls };
}

/** `tools`: a JSON string (LLaMA-Factory) or an array of function definitions; bare ones are wrapped as OpenAI's `{type: "function", function}`. */
function tools(value: Record<string, unknown>): { tools?: unknown[] } | { error: string } {
  let t = value.tools;
  if (t === undefined || t === null || t === "") return {};
  if (typeof t === "string") {
    try {
      t = JSON.parse(t);
    } catch {
      return { error: "tools must be a JSON array of function definitions" };
    }
  }
  if (!Array.isArray(t)) return { error: "tools must be an array of function definitions" };
  return {
    tools: t.map((f) => (isObject(f) && f.type === undefined ? { type: "function", function: f } : f)),
  };
}

/** ShareGPT (`conversations` of `{from, value}`, optional `system`, `tools`) → a chat record. */
export function sharegptRecord(value: Record<string, unknown>): RecordResult {
  const c = conversation(value, true);
  if ("error" in c) return fail(c.error);
  const t = tools(value);
  if ("error" in t) return fail(t.error);
  return { ok: true, record: { format: "chat", messages: c.messages, ...t } };
}

/** ShareGPT preference (`conversations` ending with a human turn, `chosen`/`rejected` turns) → a preference record. */
export function sharegptPreferenceRecord(value: Record<string, unknown>): RecordResult {
  const c = conversation(value, false);
  if ("error" in c) return fail(c.error);
  const sides: ChatMessage[][] = [];
  for (const field of ["chosen", "rejected"] as const) {
    const v = value[field];
    if (v === undefined) return fail(`missing ${field} (format sharegpt_preference)`);
    if (isObject(v) && typeof v.from === "string" && !ANSWERING.has(v.from))
      return fail(`${field}.from must be gpt or function_call, got "${v.from}"`);
    const t = turn(v, field, c.messages.length, c.lastCalls);
    if ("error" in t) return fail(t.error);
    if (t.message.content === "" && !t.message.tool_calls) return fail(`${field} is empty`);
    sides.push([t.message]);
  }
  if (JSON.stringify(sides[0]) === JSON.stringify(sides[1])) return fail("chosen and rejected are identical");
  return {
    ok: true,
    record: { format: "preference", prompt: c.messages, chosen: sides[0]!, rejected: sides[1]! },
  };
}
