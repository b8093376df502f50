import type { ChatMessage } from "../types.js";
import { describe } from "../validate-messages.js";
import type { RecordResult } from "../validate-record.js";

const fail = (message: string): RecordResult => ({ ok: false, code: "invalid_record", message });

/**
 * The user turn of an Alpaca record: `instruction`, then `input` on the next line when it is not
 * empty — LLaMA-Factory's documented convention ("instruction\ninput", data/README.md).
 */
export const alpacaPrompt = (instruction: string, input: string): string =>
  input === "" ? instruction : `${instruction}\n${input}`;

/**
 * The turns before the answer: `system` (when not empty), each `history` pair as a user and an
 * assistant turn (learned, as in LLaMA-Factory's SFT), then instruction (+ input) as the user turn.
 */
function promptTurns(value: Record<string, unknown>): { turns: ChatMessage[] } | { error: string } {
  const { instruction, input, system, history } = value;
  if (typeof instruction !== "string")
    return { error: `instruction must be a string, got ${describe(instruction)}` };
  if (instruction === "") return { error: "instruction is empty" };
  if (input !== undefined && input !== null && typeof input !== "string")
    return { error: `input must be a string, got ${describe(input)}` };
  if (system !== undefined && system !== null && typeof system !== "string")
    return { error: `system must be a string, got ${describe(system)}` };
  const turns: ChatMessage[] = [];
  if (typeof system === "string" && system !== "") turns.push({ role: "system", content: system });
  if (history !== undefined && history !== null) {
    if (!Array.isArray(history)) return { error: "history must be an array of [instruction, answer] pairs" };
    for (let i = 0; i < history.length; i++) {
      const pair = history[i];
      if (
        !Array.isArray(pair) ||
        pair.length !== 2 ||
        typeof pair[0] !== "string" ||
        typeof pair[1] !== "string"
      )
        return { error: `history[${i}] must be a pair of strings [instruction, answer]` };
      turns.push({ role: "user", content: pair[0] }, { role: "assistant", content: pair[1] });
    }
  }
  turns.push({ role: "user", content: alpacaPrompt(instruction, typeof input === "string" ? input : "") });
  return { turns };
}

/** Alpaca (`instruction`, `input`, `output`, optional `system`, `history`) → a chat record. */
export function alpacaRecord(value: Record<string, unknown>): RecordResult {
  const prompt = promptTurns(value);
  if ("error" in prompt) return fail(prompt.error);
  const { output } = value;
  if (output === undefined) return fail("missing output (format alpaca)");
  if (typeof output !== "string") return fail(`output must be a string, got ${describe(output)}`);
  if (output === "") return fail("output is empty (nothing to learn from)");
  return {
    ok: true,
    record: { format: "chat", messages: [...prompt.turns, { role: "assistant", content: output }] },
  };
}

/** Alpaca preference (`instruction`, `input`, `chosen`, `rejected` strings) → a preference record. */
export function alpacaPreferenceRecord(value: Record<string, unknown>): RecordResult {
  const prompt = promptTurns(value);
  if ("error" in prompt) return fail(prompt.error);
  const sides: string[] = [];
  for (const field of ["chosen", "rejected"] as const) {
    const v = value[field];
    if (v === undefined) return fail(`missing ${field} (format alpaca_preference)`);
    if (typeof v !== "string") return fail(`${field} must be a string, got ${describe(v)}`);
    if (v === "") return fail(`${field} is empty`);
    sides.push(v);
  }
  if (sides[0] === sides[1]) return fail("chosen and rejected are identical");
  return {
    ok: true,
    record: {
      format: "preference",
      prompt: prompt.turns,
      chosen: [{ role: "assistant", content: sides[0]! }],
      rejected: [{ role: "assistant", content: sides[1]! }],
    },
  };
}
