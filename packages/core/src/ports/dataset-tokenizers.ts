import type { TokenizerPort } from "@infera/dataset-validation";

/**
 * Where dataset statistics get real tokenizers: core never imports @infera/tokenizers, so an app's
 * main.ts puts its adapters in the context (`ctx.tokenizers`).
 */
export interface DatasetTokenizers {
  /** The documented default when no base model is named (o200k_base). */
  default(): TokenizerPort;
  /** A model's tokenizer from its tokenizer.json (+ tokenizer_config.json); undefined when neither applies. */
  fromFiles(files: {
    tokenizerJson: string;
    tokenizerConfigJson?: string;
    id: string;
    name: string;
  }): TokenizerPort | undefined;
}
