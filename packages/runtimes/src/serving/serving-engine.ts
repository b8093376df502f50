import {
  type ChatHistoryItem,
  type ChatWrapper,
  JinjaTemplateChatWrapper,
  type LlamaContext,
  type LlamaContextSequence,
  type LlamaEmbeddingContext,
  LlamaGrammarEvaluationState,
  type LlamaModel,
  LlamaText,
  resolveChatWrapper,
  SpecialTokensText,
  type Token,
  TokenBias,
} from "node-llama-cpp";
import { cpuLlama } from "../llamacpp/engine.js";
import { grammarFor, type JsonConstraint } from "./json-grammar.js";
import { PromptTooLongError } from "./prompt-too-long-error.js";
import { renderToolChat, type ToolChatMessage } from "./render-tool-chat.js";
import type { ReplicaOptions } from "./replica-options.js";
import { SequencePool } from "./sequence-pool.js";
import { StopStringFilter } from "./stop-strings.js";

export interface ChatInputMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface Sampling {
  /** Upper bound of generated tokens; the rest of the sequence's context when absent. */
  maxTokens?: number;
  temperature: number;
  topP: number;
  seed?: number;
  stop: readonly string[];
  /** Keep generating past end-of-generation tokens (llama-server's `ignore_eos`; benchmarks). */
  ignoreEos: boolean;
  /** `response_format` json_object / json_schema: sampled under a grammar, so the output parses. */
  json?: JsonConstraint;
}

/** llama-server's `timings` plus the time spent waiting for a slot and the time to first token. */
export interface Timings {
  queue_ms: number;
  prompt_n: number;
  prompt_ms: number;
  prompt_per_second: number;
  predicted_n: number;
  /** From the first generated token to the last: decoding only. */
  predicted_ms: number;
  /** Decoding rate after the first token (1 / TPOT). */
  predicted_per_second: number;
  ttft_ms: number;
}

export interface GenerationResult {
  text: string;
  finishReason: "stop" | "length";
  promptTokens: number;
  completionTokens: number;
  timings: Timings;
  /** The client went away (or the replica is stopping) before the end. */
  aborted: boolean;
}

export interface GenerationHooks {
  signal?: AbortSignal;
  /** When the request was received: queue and TTFT are counted from here. */
  receivedAt: number;
  onText?(text: string): void;
  /** Called once a slot is taken (the request leaves the queue). */
  onStart?(): void;
}

/**
 * One GGUF loaded by llama.cpp (CPU), its LoRA adapters applied, and one context with `parallel`
 * sequences that requests take in turn. Chat is rendered with the model's own chat template
 * (node-llama-cpp resolves the GGUF's Jinja template, or a built-in wrapper for a model without one).
 */
export class ServingEngine {
  readonly pool: SequencePool<LlamaContextSequence>;
  private embeddingContext?: Promise<LlamaEmbeddingContext>;
  private embeddingLock: Promise<unknown> = Promise.resolve();
  private eogBias?: TokenBias;

  private constructor(
    readonly model: LlamaModel,
    private readonly context: LlamaContext,
    private readonly chatWrapper: ChatWrapper,
    private readonly options: ReplicaOptions,
  ) {
    const sequences = Array.from({ length: options.parallel }, () => context.getSequence());
    this.pool = new SequencePool(sequences);
  }

  static async load(options: ReplicaOptions): Promise<ServingEngine> {
    const llama = await cpuLlama();
    const model = await llama.loadModel({ modelPath: options.modelPath });
    try {
      const context = await model.createContext({
        contextSize: options.contextSize,
        sequences: options.parallel,
        threads: options.threads,
        ...(options.loras.length > 0 ? { lora: { adapters: options.loras } } : {}),
      });
      return new ServingEngine(model, context, chatWrapperOf(model), options);
    } catch (e) {
      await model.dispose();
      throw e;
    }
  }

  get contextSize(): number {
    return this.options.contextSize;
  }

  /** BOS first when the model wants one and the text did not already start with it. */
  private withBos(tokens: Token[]): Token[] {
    const bos = this.model.tokens.bos;
    if (bos === null || !this.model.tokens.shouldPrependBosToken || tokens[0] === bos) return tokens;
    return [bos, ...tokens];
  }

  /** The conversation rendered by the model's template, ending with the assistant's turn opened. */
  chatPrompt(messages: readonly ChatInputMessage[]): Token[] {
    const history: ChatHistoryItem[] = messages.map((m) =>
      m.role === "system"
        ? { type: "system", text: m.content }
        : m.role === "user"
          ? { type: "user", text: m.content }
          : { type: "model", response: [m.content] },
    );
    history.push({ type: "model", response: [] });
    const { contextText } = this.chatWrapper.generateContextState({ chatHistory: history });
    return this.withBos(contextText.tokenize(this.model.tokenizer));
  }

  /**
   * A conversation with tools or tool turns, rendered by the GGUF's template itself (render-tool-chat.ts):
   * node-llama-cpp's chat history has no OpenAI tool calls with their ids nor `tool` turns.
   */
  toolChatPrompt(messages: readonly ToolChatMessage[], tools: readonly unknown[]): Token[] {
    const pieces = renderToolChat(this.model.fileInfo.metadata.tokenizer?.chat_template, {
      messages,
      tools,
      bosToken: this.model.tokens.bosString ?? "",
      eosToken: this.model.tokens.eosString ?? "",
    });
    const text = LlamaText(pieces.map((p) => (p.special ? new SpecialTokensText(p.text) : p.text)));
    return this.withBos(text.tokenize(this.model.tokenizer));
  }

  /** A plain completion prompt: text only, special-token strings not parsed (as llama-server does). */
  completionPrompt(prompt: string): Token[] {
    return this.withBos(this.model.tokenize(prompt, false));
  }

  /**
   * The tokens of a continuation to score: its text (special-token strings not parsed) and, after a
   * chat reply, the token that closes the assistant's turn (end-of-turn, else end-of-sequence), so
   * that "the model says this and stops" is what is scored, as the trainer's loss counts it.
   */
  continuationTokens(text: string, closeTurn: boolean): Token[] {
    const tokens = this.model.tokenize(text, false);
    const end = this.model.tokens.eot ?? this.model.tokens.eos;
    return closeTurn && end !== null ? [...tokens, end] : tokens;
  }

  /**
   * Bans every end-of-generation token. `TokenBias.set` skips EOG tokens on purpose, so they go into
   * its bias map directly (an internal of node-llama-cpp 3.x, checked here and by the tests).
   */
  private eogTokenBias(): TokenBias {
    if (!this.eogBias) {
      const bias = new TokenBias(this.model.tokenizer);
      const biases = (bias as unknown as { _biases?: unknown })._biases;
      if (!(biases instanceof Map))
        throw new Error("ignore_eos is not supported with this node-llama-cpp version");
      const vocab = this.model.fileInfo.metadata.tokenizer?.ggml?.tokens;
      const candidates = vocab ? vocab.keys() : [this.model.tokens.eos, this.model.tokens.eot];
      for (const t of candidates)
        if (t !== null && this.model.isEogToken(t as Token)) biases.set(t, -Infinity);
      this.eogBias = bias;
    }
    return this.eogBias;
  }

  async generate(prompt: Token[], sampling: Sampling, hooks: GenerationHooks): Promise<GenerationResult> {
    if (prompt.length >= this.options.contextSize)
      throw new PromptTooLongError(
        `the prompt is ${prompt.length} tokens; this replica's context is ${this.options.contextSize} tokens`,
      );
    // Before a sequence is taken: a schema that cannot be enforced is refused up front.
    const grammar = sampling.json ? await grammarFor(sampling.json) : null;
    const sequence = await this.pool.acquire(hooks.signal);
    const acquiredAt = performance.now();
    hooks.onStart?.();
    const room = this.options.contextSize - prompt.length;
    const maxTokens = Math.min(sampling.maxTokens ?? room, room);
    const filter = new StopStringFilter(sampling.stop);
    const generated: Token[] = [];
    let pending: Token[] = [];
    let text = "";
    let firstAt: number | undefined;
    let finishReason: GenerationResult["finishReason"] = "length";
    const emit = (piece: string) => {
      if (!piece) return;
      text += piece;
      hooks.onText?.(piece);
    };
    try {
      await sequence.clearHistory();
      if (maxTokens > 0) {
        for await (const token of sequence.evaluate(prompt, {
          temperature: sampling.temperature,
          topP: sampling.topP,
          topK: 0,
          seed: sampling.seed,
          yieldEogToken: true,
          ...(sampling.ignoreEos ? { tokenBias: this.eogTokenBias() } : {}),
          ...(grammar
            ? { grammarEvaluationState: new LlamaGrammarEvaluationState({ model: this.model, grammar }) }
            : {}),
        })) {
          firstAt ??= performance.now();
          if (this.model.isEogToken(token)) {
            finishReason = "stop";
            break;
          }
          generated.push(token);
          pending.push(token);
          // Hold tokens back while they end inside a multi-byte character.
          const piece = this.model.detokenize(
            pending,
            false,
            generated.slice(-pending.length - 4, -pending.length),
          );
          if (!piece.endsWith("\uFFFD")) {
            pending = [];
            emit(filter.push(piece));
            if (filter.stopped) {
              finishReason = "stop";
              break;
            }
          }
          if (generated.length >= maxTokens || hooks.signal?.aborted) break;
        }
      }
      if (!filter.stopped) {
        if (pending.length) emit(filter.push(this.model.detokenize(pending, false)));
        emit(filter.flush());
      }
    } finally {
      this.pool.release(sequence);
    }
    const endAt = performance.now();
    const first = firstAt ?? endAt;
    const predictedMs = endAt - first;
    const promptMs = first - acquiredAt;
    return {
      text,
      finishReason,
      promptTokens: prompt.length,
      completionTokens: generated.length,
      aborted: hooks.signal?.aborted ?? false,
      timings: {
        queue_ms: round(acquiredAt - hooks.receivedAt),
        prompt_n: prompt.length,
        prompt_ms: round(promptMs),
        prompt_per_second: promptMs > 0 ? round((prompt.length / promptMs) * 1000) : 0,
        predicted_n: generated.length,
        predicted_ms: round(predictedMs),
        predicted_per_second:
          generated.length > 1 && predictedMs > 0 ? round(((generated.length - 1) / predictedMs) * 1000) : 0,
        ttft_ms: round(first - hooks.receivedAt),
      },
    };
  }

  /**
   * Embeddings from an embedding context made on first use (most replicas never embed), one input
   * at a time: it has a single sequence.
   */
  async embed(inputs: readonly string[]): Promise<{ vectors: number[][]; promptTokens: number }> {
    this.embeddingContext ??= this.model.createEmbeddingContext({
      contextSize: this.options.contextSize,
      threads: this.options.threads,
    });
    const context = await this.embeddingContext;
    const run = this.embeddingLock.then(async () => {
      const vectors: number[][] = [];
      let promptTokens = 0;
      for (const input of inputs) {
        const n = context.calculateInputLength(input);
        if (n > this.options.contextSize)
          throw new PromptTooLongError(
            `an input is ${n} tokens; this replica's context is ${this.options.contextSize} tokens`,
          );
        promptTokens += n;
        vectors.push([...(await context.getEmbeddingFor(input)).vector]);
      }
      return { vectors, promptTokens };
    });
    this.embeddingLock = run.catch(() => undefined);
    return run;
  }

  async dispose(): Promise<void> {
    if (this.embeddingContext) await (await this.embeddingContext).dispose();
    await this.context.dispose();
    await this.model.dispose();
  }
}

/**
 * The GGUF's own Jinja chat template when it has one. `resolveChatWrapper` would also consider
 * node-llama-cpp's built-in wrappers, but matching them against the template took 4 s of a 7 s cold
 * start on the benchmark machine (docs/benchmarks.md); a model without a template gets its choice.
 */
function chatWrapperOf(model: LlamaModel): ChatWrapper {
  const template = model.fileInfo.metadata.tokenizer?.chat_template;
  if (typeof template === "string" && template.length > 0) {
    try {
      return new JinjaTemplateChatWrapper({ template, tokenizer: model.tokenizer });
    } catch {
      // A template node-llama-cpp cannot use (unsupported Jinja): its built-in choice is next best.
    }
  }
  return resolveChatWrapper(model);
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
