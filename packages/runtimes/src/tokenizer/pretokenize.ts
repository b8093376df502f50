/**
 * GPT-2's pre-tokenizer, the one llama.cpp runs for `tokenizer.ggml.pre = "gpt-2"`. `\s` is spelled
 * out as Unicode White_Space (llama.cpp's table), which differs from JS's `\s` (U+0085 in, U+FEFF out).
 */
const WS = "\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const GPT2_SPLIT = new RegExp(
  `'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^${WS}\\p{L}\\p{N}]+|[${WS}]+(?![^${WS}])|[${WS}]+`,
  "gu",
);

export function pretokenize(text: string): string[] {
  return text.match(GPT2_SPLIT) ?? [];
}
