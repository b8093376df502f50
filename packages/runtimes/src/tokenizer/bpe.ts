import { bytesToSymbols, symbolsToBytes } from "./byte-level.js";
import { pretokenize } from "./pretokenize.js";

export interface SpecialTokens {
  bos: string;
  eos: string;
  /** End of a chat turn; generation stops on it as well as on eos. */
  eot: string;
  pad: string;
  imStart: string;
}

/** Our tokenizer.json (documented in packages/runtimes/AGENTS.md). */
export interface TokenizerJson {
  format: "infera-bpe-v1";
  /** GGUF `tokenizer.ggml.model` and `.pre`. */
  model: "gpt2";
  pre: "gpt-2";
  /** Token strings by id, byte-level encoded (GPT-2's byte→char map); special tokens are literal. */
  vocab: string[];
  /** Ids of control tokens (they never come out of encoding plain text). */
  special: number[];
  /** Merge rules by priority, "left right". */
  merges: string[];
  specialTokens: SpecialTokens;
  addBos: boolean;
  chatTemplate: string;
}

export interface EncodeOptions {
  addBos?: boolean;
  /** Recognize special-token text (e.g. "<|im_end|>") in the input; off by default, as user text must not inject them. */
  parseSpecial?: boolean;
}

export class Tokenizer {
  readonly vocab: readonly string[];
  readonly merges: readonly string[];
  readonly special: ReadonlySet<number>;
  readonly specialTokens: SpecialTokens;
  readonly addBos: boolean;
  readonly chatTemplate: string;
  readonly bosId: number;
  readonly eosId: number;
  readonly eotId: number;
  readonly padId: number;
  readonly imStartId: number;
  private readonly ids = new Map<string, number>();
  private readonly ranks = new Map<string, number>();
  private readonly cache = new Map<string, number[]>();
  private readonly specialPattern: RegExp;

  constructor(json: TokenizerJson) {
    if (json.format !== "infera-bpe-v1") throw new Error(`unsupported tokenizer format ${json.format}`);
    this.vocab = json.vocab;
    this.merges = json.merges;
    this.special = new Set(json.special);
    this.specialTokens = json.specialTokens;
    this.addBos = json.addBos;
    this.chatTemplate = json.chatTemplate;
    json.vocab.forEach((t, i) => {
      if (this.ids.has(t)) throw new Error(`duplicate token ${JSON.stringify(t)}`);
      this.ids.set(t, i);
    });
    json.merges.forEach((m, i) => {
      this.ranks.set(m, i);
    });
    const id = (t: string) => {
      const v = this.ids.get(t);
      if (v === undefined) throw new Error(`special token ${t} missing from vocab`);
      return v;
    };
    this.bosId = id(json.specialTokens.bos);
    this.eosId = id(json.specialTokens.eos);
    this.eotId = id(json.specialTokens.eot);
    this.padId = id(json.specialTokens.pad);
    this.imStartId = id(json.specialTokens.imStart);
    const escaped = [...this.special].map((i) => this.vocab[i]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    this.specialPattern = new RegExp(`(${escaped.join("|")})`);
  }

  get size(): number {
    return this.vocab.length;
  }

  tokenId(token: string): number | undefined {
    return this.ids.get(token);
  }

  encode(text: string, opts: EncodeOptions = {}): number[] {
    const out: number[] = [];
    if (opts.addBos ?? false) out.push(this.bosId);
    const parts = opts.parseSpecial ? text.split(this.specialPattern) : [text];
    parts.forEach((part, i) => {
      if (part === "") return;
      if (opts.parseSpecial && i % 2 === 1) out.push(this.ids.get(part)!);
      else for (const word of pretokenize(part)) out.push(...this.encodeWord(word));
    });
    return out;
  }

  /** Byte-level BPE of one pre-token: repeatedly merge the lowest-ranked adjacent pair (leftmost on ties). */
  private encodeWord(word: string): number[] {
    const hit = this.cache.get(word);
    if (hit) return hit;
    const syms = bytesToSymbols(word);
    for (;;) {
      let best = -1;
      let bestRank = Number.POSITIVE_INFINITY;
      for (let i = 0; i + 1 < syms.length; i++) {
        const r = this.ranks.get(`${syms[i]} ${syms[i + 1]}`);
        if (r !== undefined && r < bestRank) {
          bestRank = r;
          best = i;
        }
      }
      if (best < 0) break;
      syms.splice(best, 2, syms[best]! + syms[best + 1]!);
    }
    const ids: number[] = [];
    for (const s of syms) {
      const id = this.ids.get(s);
      if (id !== undefined) ids.push(id);
      else for (const ch of s) ids.push(this.ids.get(ch)!);
    }
    if (this.cache.size < 100_000) this.cache.set(word, ids);
    return ids;
  }

  /** Bytes of a token (special tokens give their literal text). */
  tokenBytes(id: number): number[] {
    const t = this.vocab[id];
    if (t === undefined) throw new Error(`token id ${id} out of range`);
    if (this.special.has(id)) return Array.from(new TextEncoder().encode(t));
    return symbolsToBytes(t);
  }

  decode(ids: number[], opts: { skipSpecial?: boolean } = {}): string {
    const bytes: number[] = [];
    for (const id of ids) {
      if (opts.skipSpecial && this.special.has(id)) continue;
      bytes.push(...this.tokenBytes(id));
    }
    return new TextDecoder().decode(new Uint8Array(bytes));
  }

  toJSON(): TokenizerJson {
    return {
      format: "infera-bpe-v1",
      model: "gpt2",
      pre: "gpt-2",
      vocab: [...this.vocab],
      special: [...this.special],
      merges: [...this.merges],
      specialTokens: this.specialTokens,
      addBos: this.addBos,
      chatTemplate: this.chatTemplate,
    };
  }
}
