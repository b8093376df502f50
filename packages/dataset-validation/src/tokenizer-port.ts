/** A chat message as a tokenizer renders it (OpenAI shape, already validated by the dataset checks). */
export interface TokenizerChatMessage {
  role: "system" | "user" | "assistant" | "tool";
  /** Empty for an assistant turn that only calls tools. */
  content: string;
  name?: string;
  /** OpenAI `tool_calls` of an assistant turn, as in the record. */
  tool_calls?: unknown[];
  tool_call_id?: string;
  /** OpenAI fine-tuning's per-turn switch: an assistant turn with weight 0 is context, not learned. */
  weight?: 0 | 1;
}

/**
 * Token ids of one training sequence and which of them are learned: `completionMask[i] = 1` when
 * `ids[i]` is a completion (trained) token, 0 for prompt and template tokens.
 */
export interface TokenizedSequence {
  ids: number[];
  completionMask: number[];
}

/**
 * A real tokenizer (adapters in `@infera/tokenizers`). `encode` is required; the renderers add the
 * model's chat template and special tokens so that counts match what a trainer builds. Without them
 * the statistics count message contents only (prompt = non-assistant turns, completion = assistant
 * turns), as documented in docs/guide/datasets.md.
 */
export interface TokenizerPort {
  /** Stable identifier recorded with the statistics, e.g. `gpt-tokenizer/o200k_base`. */
  readonly id: string;
  /** Human-readable name for the console. */
  readonly name: string;
  encode(text: string): number[];
  /** Number of tokens of `text`; defaults to `encode(text).length` (faster where the library can count). */
  count?(text: string): number;
  /** `tools`: the record's function definitions (OpenAI `tools`), which a template shows to the model. */
  renderChat?(messages: readonly TokenizerChatMessage[], tools?: readonly unknown[]): TokenizedSequence;
  /** `renderChat`'s prompt and completion counts without building the sequence (faster where the adapter can). */
  countChat?(
    messages: readonly TokenizerChatMessage[],
    tools?: readonly unknown[],
  ): { prompt: number; completion: number };
  renderPromptCompletion?(prompt: string, completion: string): TokenizedSequence;
  /**
   * How to build the same tokenizer in another thread: `(await import(module))[export](...args)`.
   * Dataset validation counts tokens in worker threads only for tokenizers that have one.
   */
  readonly recipe?: TokenizerRecipe;
}

/** A module URL, the factory it exports and its (structured-cloneable) arguments. */
export interface TokenizerRecipe {
  module: string;
  export: string;
  args: unknown[];
  /** Plain-JS module URLs to import first (large data such as a vocabulary), outside any loader hooks. */
  preload?: string[];
}
