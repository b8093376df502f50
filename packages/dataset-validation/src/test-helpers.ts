import type { TokenizerPort } from "./tokenizer-port.js";

/** Bytes of `text` delivered in chunks of `size` bytes, as a network or file stream would. */
export async function* chunked(text: string | Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

export const jsonl = (...rows: unknown[]) =>
  rows.map((r) => (typeof r === "string" ? r : JSON.stringify(r))).join("\n");

/** A whitespace tokenizer: one token a word, ids by first appearance. A fake of our own port, for counting tests. */
export function wordTokenizer(): TokenizerPort {
  const ids = new Map<string, number>();
  const encode = (text: string) =>
    text
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => {
        const known = ids.get(w);
        if (known !== undefined) return known;
        ids.set(w, ids.size);
        return ids.size - 1;
      });
  return { id: "test/words", name: "words", encode, count: (t) => t.split(/\s+/).filter(Boolean).length };
}

export const chat = (user: string, assistant: string) => ({
  messages: [
    { role: "user", content: user },
    { role: "assistant", content: assistant },
  ],
});

/** Pools started in this process, and how many ran from the plain-JS bundle. */
export { poolStats } from "./worker-pool.js";
