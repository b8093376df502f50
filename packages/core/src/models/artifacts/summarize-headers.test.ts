import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { bufferByteSource } from "../../model-files/byte-source.js";
import { readGgufHeader } from "../../model-files/read-gguf-header.js";
import { readSafetensorsHeader } from "../../model-files/read-safetensors-header.js";
import { summarizeGguf, summaryKeys } from "./summarize-gguf.js";
import { summarizeSafetensors } from "./summarize-safetensors.js";

// The bundled model's bytes, read as plain files (core never imports the runtimes package).
const tiny = async (name: string) =>
  bufferByteSource(
    await readFile(
      fileURLToPath(new URL(`../../../../runtimes/assets/infera-tiny/${name}`, import.meta.url)),
    ),
  );

describe("model version metadata from headers", () => {
  it("summarizes the bundled GGUF: architecture, parameters, context length, quantization", async () => {
    const src = await tiny("infera-tiny-f32.gguf");
    const meta = summarizeGguf(await readGgufHeader(src, "infera-tiny-f32.gguf", { keep: summaryKeys }));
    expect(meta.architecture).toBe("llama");
    expect(meta.name).toBe("infera-tiny");
    expect(meta.quantization).toBe("F32");
    expect(meta.file_type).toBe(0);
    expect(meta.context_length).toBeGreaterThan(0);
    expect(meta.tensor_count).toBeGreaterThan(0);
    expect(meta.chat_template).toContain("<|im_start|>");
    // f32 weights: four bytes a parameter, and the header is small.
    expect(meta.parameter_count * 4).toBeLessThanOrEqual(src.size);
    expect(meta.parameter_count * 4).toBeGreaterThan(src.size * 0.9);
  });

  it("summarizes the bundled safetensors and agrees with the GGUF on the parameter count", async () => {
    const meta = summarizeSafetensors(await readSafetensorsHeader(await tiny("model.safetensors"), "m"));
    const gguf = summarizeGguf(await readGgufHeader(await tiny("infera-tiny-f32.gguf"), "x.gguf"));
    expect(meta.dtypes).toEqual(["F32"]);
    expect(meta.tensor_count).toBe(gguf.tensor_count);
    expect(meta.parameter_count).toBe(gguf.parameter_count);
  });
});
