/**
 * Writes the procedurally generated, license-clean infera-tiny corpus as plain text (chat documents
 * rendered as ChatML), one document per blank-line-separated block.
 *   npx tsx packages/runtimes/scripts/make-corpus.ts [out.txt] [--docs N] [--seed S]
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { chatText } from "../src/tokenizer/chat-template.js";
import { generateCorpus } from "./corpus/grammar.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { docs: { type: "string", default: "40000" }, seed: { type: "string", default: "1" } },
});
const out = positionals[0] ?? "infera-tiny-corpus.txt";
const parts: string[] = [];
for (const doc of generateCorpus(Number(values.seed), Number(values.docs))) {
  parts.push(doc.kind === "text" ? doc.text : chatText(doc.messages));
}
writeFileSync(out, `${parts.join("\n\n")}\n`);
console.log(
  `wrote ${parts.length} documents (${(Buffer.byteLength(parts.join("\n\n")) / 1e6).toFixed(2)} MB) to ${out}`,
);
