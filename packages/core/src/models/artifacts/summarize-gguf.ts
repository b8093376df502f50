import type { GgufMetadata } from "@infera/contracts";
import { GgmlType, LlamaFileType, nameOf } from "../../model-files/gguf-types.js";
import type { GgufHeader } from "../../model-files/read-gguf-header.js";

/** The metadata keys a summary needs; the reader steps over every other value (vocabularies) unread. */
export const summaryKeys = (key: string) =>
  key === "general.architecture" ||
  key === "general.name" ||
  key === "general.file_type" ||
  key === "tokenizer.chat_template" ||
  key.endsWith(".context_length");

/**
 * What a model version records of a GGUF: architecture, name, parameter count, context length, file
 * type / quantization (from `general.file_type`, else the tensor type holding most parameters), chat
 * template.
 */
export function summarizeGguf(h: GgufHeader): GgufMetadata {
  const text = (key: string) => {
    const v = h.metadata.get(key);
    return typeof v === "string" ? v : null;
  };
  const architecture = text("general.architecture");
  const ft = h.metadata.get("general.file_type");
  const fileType = typeof ft === "number" ? ft : null;
  const byType = new Map<number, number>();
  for (const t of h.tensors) byType.set(t.type, (byType.get(t.type) ?? 0) + t.elements);
  let quantization = fileType !== null ? nameOf(LlamaFileType, fileType) : null;
  if (quantization === null && byType.size) {
    const [dominant] = [...byType.entries()].sort((a, b) => b[1] - a[1])[0]!;
    quantization = nameOf(GgmlType, dominant);
  }
  const contexts = [...h.metadata].filter(
    (e): e is [string, number] => e[0].endsWith(".context_length") && typeof e[1] === "number",
  );
  const contextLength =
    (architecture ? contexts.find(([k]) => k === `${architecture}.context_length`)?.[1] : undefined) ??
    contexts[0]?.[1] ??
    null;
  return {
    version: h.version,
    architecture,
    name: text("general.name"),
    parameter_count: h.tensors.reduce((a, t) => a + t.elements, 0),
    tensor_count: h.tensors.length,
    context_length: contextLength,
    file_type: fileType,
    quantization,
    chat_template: text("tokenizer.chat_template"),
  };
}
