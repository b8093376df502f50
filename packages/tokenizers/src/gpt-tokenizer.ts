import { createRequire } from "node:module";
import type { TokenizedSequence, TokenizerChatMessage, TokenizerPort } from "@infera/dataset-validation";
import { isTrainedTurn, messageText } from "@infera/dataset-validation";
import type * as o200k from "gpt-tokenizer/encoding/o200k_base";
import { bpeCounter } from "./bpe-counter.js";
import { type BpeRankTable, buildRankTable } from "./bpe-rank-table.js";
import { renderChatLayout } from "./chat-sequence.js";

export type OpenAiEncoding = "o200k_base" | "cl100k_base";

/** What counting needs, shareable between threads: the rank table and the encoding's split regex. */
export interface GptCountTables {
  ranks: BpeRankTable;
  split: RegExp;
}

const requireCjs = createRequire(import.meta.url);
/** Loaded on first `encode`/`renderChat` only: the library's ranks cost ~65 MB of memory per thread. */
const MODULES = {
  o200k_base: "gpt-tokenizer/cjs/encoding/o200k_base",
  cl100k_base: "gpt-tokenizer/cjs/encoding/cl100k_base",
} as const;
const load = (encoding: OpenAiEncoding) => requireCjs(MODULES[encoding]) as typeof o200k;

const SPLIT = { o200k_base: "O200K_TOKEN_SPLIT_REGEX", cl100k_base: "CL100K_TOKEN_SPLIT_REGEX" } as const;
/** Built once per process from the bare rank list (not the library's Maps), then shared with workers. */
const tablesByEncoding = new Map<OpenAiEncoding, GptCountTables>();
function countTables(encoding: OpenAiEncoding): GptCountTables {
  let t = tablesByEncoding.get(encoding);
  if (!t) {
    const ranksPath = requireCjs.resolve(`gpt-tokenizer/cjs/bpeRanks/${encoding}`);
    const decoder = (requireCjs(ranksPath) as { default: (string | number[])[] }).default;
    // The rank list (~45 MB as JS strings) is needed only to build the table: let it go.
    delete requireCjs.cache[ranksPath];
    const constants = requireCjs("gpt-tokenizer/cjs/encodingParams/constants") as Record<string, RegExp>;
    t = { ranks: buildRankTable(decoder), split: constants[SPLIT[encoding]]! };
    tablesByEncoding.set(encoding, t);
  }
  return t;
}

/** Special-token text in user data is ordinary text, never a control token (and never an exception). */
const PLAIN = { disallowedSpecial: new Set<string>() };

/**
 * OpenAI's BPE (o200k_base: GPT-4o and later; cl100k_base: GPT-3.5/4) from `gpt-tokenizer`, vocab
 * bundled in the package, fully offline. The default tokenizer for dataset statistics when no base
 * model with its own tokenizer is named. Chats render as OpenAI's chat format
 * (`<|im_start|>role<|im_sep|>content<|im_end|>` for o200k, `…role\ncontent<|im_end|>\n` for cl100k).
 * Counting (`count`, `countChat`) runs over our own compact rank table (`tables`, given by a worker
 * thread's recipe so that every thread shares one), never the library's Maps.
 */
export function gptTokenizer(
  encoding: OpenAiEncoding = "o200k_base",
  tables?: GptCountTables,
): TokenizerPort {
  const init = () => {
    const lib = load(encoding);
    const special = (t: string) => lib.encode(t, { allowedSpecial: new Set([t]) });
    const encode = (text: string) => lib.encode(text, PLAIN);
    const layout =
      encoding === "o200k_base"
        ? { sep: special(lib.ImSep), after: [] as number[] }
        : { sep: encode("\n"), after: encode("\n") };
    const headers = new Map<string, number[]>();
    const header = (role: string) => {
      let h = headers.get(role);
      if (!h) {
        h = [...encode(role), ...layout.sep];
        headers.set(role, h);
      }
      return h;
    };
    return { encode, header, start: special(lib.ImStart), end: special(lib.ImEnd), after: layout.after };
  };
  let state: ReturnType<typeof init> | undefined;
  const s = () => {
    state ??= init();
    return state;
  };
  const counting = () => {
    const t = tables ?? countTables(encoding);
    const count = bpeCounter(t.ranks, t.split);
    // renderChat's layout in counts: start and end are one special token each; o200k's separator
    // is the special <|im_sep|>, cl100k's separator and trailer are "\n".
    const newline = count("\n");
    const sep = encoding === "o200k_base" ? 1 : newline;
    const after = encoding === "o200k_base" ? 0 : newline;
    const headers = new Map<string, number>();
    const header = (role: string) => {
      let h = headers.get(role);
      if (h === undefined) {
        h = count(role) + sep;
        headers.set(role, h);
      }
      return h;
    };
    return { count, header, after };
  };
  let counter: ReturnType<typeof counting> | undefined;
  const c = () => {
    counter ??= counting();
    return counter;
  };
  return {
    id: `gpt-tokenizer/${encoding}`,
    name: `OpenAI ${encoding} (gpt-tokenizer)`,
    // Rebuilt by a validation worker thread from this module (see TokenizerPort.recipe), with this
    // thread's tables: a SharedArrayBuffer is shared, not copied.
    get recipe() {
      return {
        module: import.meta.url,
        export: "gptTokenizer",
        args: [encoding, tables ?? countTables(encoding)],
      };
    },
    encode: (text) => s().encode(text),
    count: (text) => c().count(text),
    renderChat: (messages: readonly TokenizerChatMessage[]): TokenizedSequence => {
      const { start, header, encode, end, after } = s();
      return renderChatLayout({ prefix: [], start, header, encode, end, after }, messages);
    },
    // renderChat's counts without building the sequence: each turn is start, header, content, end, after.
    countChat: (messages: readonly TokenizerChatMessage[]) => {
      const { count, header, after } = c();
      let prompt = 0;
      let completion = 0;
      for (const m of messages) {
        prompt += 1 + header(m.role) + after;
        const learned = count(messageText(m)) + 1;
        if (isTrainedTurn(m)) completion += learned;
        else prompt += learned;
      }
      return { prompt, completion };
    },
  };
}
