import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { z } from "zod";
import { TrainerFailure } from "../trainer/errors.js";

const ToolCall = z.object({
  id: z.string().optional(),
  type: z.string().optional(),
  function: z.object({ name: z.string().min(1), arguments: z.unknown() }),
});
/** The internal chat form (OpenAI's): tool turns, assistant tool calls and per-message weight included. */
const ChatMessage = z.object({
  role: z.enum(["system", "user", "assistant", "tool"]),
  content: z.string(),
  tool_calls: z.array(ToolCall).optional(),
  tool_call_id: z.string().optional(),
  name: z.string().optional(),
  weight: z.union([z.literal(0), z.literal(1)]).optional(),
});
export const ChatRecord = z.object({
  messages: z.array(ChatMessage).min(1),
  tools: z.array(z.unknown()).optional(),
});
export const PromptCompletionRecord = z.object({ prompt: z.string(), completion: z.string() });
export const TextRecord = z.object({ text: z.string().min(1) });
/** Already tokenized with the base model's tokenizer; loss_mask (1 = learn this token) defaults to all ones. */
export const TokenRecord = z.object({
  input_ids: z.array(z.number().int().nonnegative()).min(2),
  loss_mask: z.array(z.union([z.literal(0), z.literal(1)])).optional(),
});

export type ChatMessage = z.infer<typeof ChatMessage>;
export type DataRecord =
  | { kind: "chat"; messages: ChatMessage[]; tools?: unknown[]; line: number }
  | { kind: "prompt_completion"; prompt: string; completion: string; line: number }
  | { kind: "text"; text: string; line: number }
  | { kind: "tokens"; input_ids: number[]; loss_mask?: number[]; line: number };

const STAGE_FORMATS = {
  sft: '{"messages":[{"role":"user","content":"..."},{"role":"assistant","content":"..."}]} or {"prompt":"...","completion":"..."}',
  pretrain: '{"text":"..."}',
} as const;

function classify(value: unknown, stage: "pretrain" | "sft", line: number): DataRecord | string {
  const tokens = TokenRecord.safeParse(value);
  if (tokens.success) {
    if (tokens.data.loss_mask && tokens.data.loss_mask.length !== tokens.data.input_ids.length)
      return "loss_mask must have as many entries as input_ids";
    return { kind: "tokens", ...tokens.data, line };
  }
  if (stage === "pretrain") {
    const text = TextRecord.safeParse(value);
    return text.success ? { kind: "text", text: text.data.text, line } : `expected ${STAGE_FORMATS.pretrain}`;
  }
  const chat = ChatRecord.safeParse(value);
  if (chat.success) {
    if (!chat.data.messages.some((m) => m.role === "assistant" && m.weight !== 0))
      return "a chat record needs at least one assistant message to learn from (one without weight 0)";
    return {
      kind: "chat",
      messages: chat.data.messages,
      ...(chat.data.tools?.length ? { tools: chat.data.tools } : {}),
      line,
    };
  }
  const pc = PromptCompletionRecord.safeParse(value);
  if (pc.success) return { kind: "prompt_completion", ...pc.data, line };
  return `expected ${STAGE_FORMATS.sft}`;
}

/** Reads a JSONL dataset; the first malformed line fails the run as data_format, naming file and line. */
export function readDataset(path: string, stage: "pretrain" | "sft"): DataRecord[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new TrainerFailure(
      "data_format",
      `cannot read dataset ${path}: ${(error as Error).message}`,
      "Check the dataset path in the job spec.",
    );
  }
  const records: DataRecord[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === "") continue;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new TrainerFailure(
        "data_format",
        `${basename(path)} line ${line}: not valid JSON (${(error as Error).message})`,
        `Each line must be one JSON object, e.g. ${STAGE_FORMATS[stage]}. Fix or remove line ${line}.`,
      );
    }
    const record = classify(value, stage, line);
    if (typeof record === "string") {
      throw new TrainerFailure(
        "data_format",
        `${basename(path)} line ${line}: ${record}`,
        `Records of stage ${stage} look like ${STAGE_FORMATS[stage]}. Fix or remove line ${line}.`,
      );
    }
    records.push(record);
  }
  if (records.length === 0)
    throw new TrainerFailure(
      "data_format",
      `${basename(path)} has no records`,
      "Provide at least one JSONL record.",
    );
  return records;
}
