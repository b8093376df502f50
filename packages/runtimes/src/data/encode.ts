import { TrainerFailure } from "../trainer/errors.js";
import type { Example } from "./batches.js";
import type { ChatMessage, DataRecord } from "./records.js";

/** What the trainer needs from the base model's tokenizer and chat template. */
export interface TrainingTokenizer {
  vocabSize: number;
  eosId: number;
  bosId?: number;
  encodeText(text: string): number[];
  renderChat(
    messages: ChatMessage[],
    opts: { defaultSystemPrompt?: string; tools?: unknown[] },
  ): { ids: number[]; lossMask: number[] };
  renderPromptCompletion(prompt: string, completion: string): { ids: number[]; lossMask: number[] };
}

export interface EncodedDataset {
  examples: Example[];
  /** Records cut to max_length. */
  truncated: number;
  /** Records left with nothing to learn after truncation (skipped). */
  dropped: number;
  tokens: number;
}

function checkIds(ids: number[], vocabSize: number, line: number, file: string): void {
  for (const id of ids) {
    if (id >= vocabSize) {
      throw new TrainerFailure(
        "tokenizer_mismatch",
        `${file} line ${line}: token id ${id} is outside the base model's vocabulary (size ${vocabSize})`,
        "The dataset was tokenized with a different tokenizer. Re-tokenize it with the base model's tokenizer, or send plain text/messages records and let the trainer tokenize them.",
      );
    }
  }
}

/**
 * Tokenizes records for a stage. sft: one example per record through the chat template (loss only
 * on assistant / completion tokens), cut to maxLength. pretrain: text records joined with EOS and
 * packed into windows of maxLength tokens, every token learned.
 */
export function encodeDataset(
  records: DataRecord[],
  opts: {
    stage: "pretrain" | "sft";
    tokenizer: TrainingTokenizer;
    maxLength: number;
    systemPrompt?: string;
    file: string;
  },
): EncodedDataset {
  const { tokenizer, maxLength } = opts;
  if (opts.stage === "pretrain") {
    const stream: number[] = [];
    const examples: Example[] = [];
    for (const r of records) {
      if (r.kind === "tokens") {
        checkIds(r.input_ids, tokenizer.vocabSize, r.line, opts.file);
        stream.push(...r.input_ids);
      } else if (r.kind === "text") {
        if (tokenizer.bosId !== undefined) stream.push(tokenizer.bosId);
        stream.push(...tokenizer.encodeText(r.text), tokenizer.eosId);
      }
    }
    for (let i = 0; i + 1 < stream.length; i += maxLength) {
      const ids = stream.slice(i, i + maxLength);
      if (ids.length >= 2) examples.push({ ids, mask: ids.map(() => 1) });
    }
    return { examples, truncated: 0, dropped: 0, tokens: stream.length };
  }
  const examples: Example[] = [];
  let truncated = 0;
  let dropped = 0;
  let tokens = 0;
  for (const r of records) {
    let rendered: { ids: number[]; lossMask: number[] };
    if (r.kind === "chat")
      rendered = tokenizer.renderChat(r.messages, {
        defaultSystemPrompt: opts.systemPrompt,
        ...(r.tools ? { tools: r.tools } : {}),
      });
    else if (r.kind === "prompt_completion")
      rendered = tokenizer.renderPromptCompletion(r.prompt, r.completion);
    else if (r.kind === "tokens") {
      checkIds(r.input_ids, tokenizer.vocabSize, r.line, opts.file);
      rendered = { ids: r.input_ids, lossMask: r.loss_mask ?? r.input_ids.map(() => 1) };
    } else continue;
    let { ids, lossMask } = rendered;
    if (ids.length > maxLength) {
      truncated++;
      ids = ids.slice(0, maxLength);
      lossMask = lossMask.slice(0, maxLength);
    }
    if (ids.length < 2 || !lossMask.slice(1).some((m) => m)) {
      dropped++;
      continue;
    }
    tokens += ids.length;
    examples.push({ ids, mask: lossMask });
  }
  return { examples, truncated, dropped, tokens };
}
