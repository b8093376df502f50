import type { LlamaGrammar } from "node-llama-cpp";
import { cpuLlama } from "../llamacpp/engine.js";

/** A `response_format` the replica cannot turn into a grammar (a 400 on `response_format`). */
export class UnsupportedResponseFormatError extends Error {}

/** What `response_format` asks of the output: any JSON value of an object, or one schema. */
export type JsonConstraint =
  | { kind: "json_object" }
  | { kind: "json_schema"; schema: Record<string, unknown> };

const cache = new Map<string, Promise<LlamaGrammar>>();
const MAX_CACHED = 64;

/**
 * The llama.cpp grammar that enforces `response_format` while sampling: node-llama-cpp's JSON
 * grammar for `json_object`, and its JSON-schema-to-GBNF conversion for `json_schema` (a subset of
 * JSON Schema: types, properties, required, enums, const, arrays, anyOf, string formats). Grammars
 * are cached by their schema's text, a few dozen at most, since clients send the same few again.
 */
export function grammarFor(constraint: JsonConstraint): Promise<LlamaGrammar> {
  const key = constraint.kind === "json_object" ? "json" : JSON.stringify(constraint.schema);
  let grammar = cache.get(key);
  if (!grammar) {
    grammar = (async () => {
      const llama = await cpuLlama();
      if (constraint.kind === "json_object") return llama.getGrammarFor("json");
      try {
        // The schema is the client's: its shape is checked by the conversion, which throws on what it cannot express.
        const schema = constraint.schema as unknown as Parameters<typeof llama.createGrammarForJsonSchema>[0];
        return await llama.createGrammarForJsonSchema(schema);
      } catch (err) {
        throw new UnsupportedResponseFormatError(
          `response_format.json_schema.schema cannot be enforced: ${(err as Error).message}`,
        );
      }
    })();
    grammar.catch(() => cache.delete(key));
    cache.set(key, grammar);
    if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  }
  return grammar;
}
