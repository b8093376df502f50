import {
  FINE_TUNE_DEFAULTS_FILE,
  FineTuneRecommendation,
  type ModelFileKind,
  type ModelFormat,
  type ModelVersionMetadata,
} from "@infera/contracts";
import { readGgufHeader } from "../../model-files/read-gguf-header.js";
import { readSafetensorsHeader } from "../../model-files/read-safetensors-header.js";
import { sniffFile } from "../../model-files/sniff-file.js";
import type { BlobStore } from "../../ports/blob-store.js";
import { invalid } from "../../shared/errors.js";
import { blobByteSource } from "./blob-byte-source.js";
import { summarizeGguf, summaryKeys } from "./summarize-gguf.js";
import { summarizeSafetensors } from "./summarize-safetensors.js";

const WEIGHTS: ModelFormat[] = ["gguf", "safetensors", "bin"];
const MAX_CONFIG = 1024 * 1024;

export interface InspectedFile {
  path: string;
  sha256: string;
  size: number;
  kind: ModelFileKind;
}

/**
 * Detects each file's kind from its bytes and reads what the weight headers say. The version's format
 * is gguf when any GGUF is present (what the serving runtime loads), else safetensors, else bin.
 */
export async function inspectArtifact(
  store: BlobStore,
  files: { path: string; sha256: string; size: number }[],
): Promise<{
  files: InspectedFile[];
  format: ModelFormat;
  formats: ModelFormat[];
  metadata: ModelVersionMetadata;
}> {
  const inspected: InspectedFile[] = [];
  const metadata: ModelVersionMetadata = {
    architecture: null,
    parameter_count: null,
    context_length: null,
    quantization: null,
    chat_template: null,
    dtypes: [],
    files: {},
  };
  let ggufParams = 0;
  let stParams = 0;
  const dtypes = new Set<string>();
  let config: { architecture: string | null; context: number | null } | null = null;
  for (const f of files) {
    const src = blobByteSource(store, f.sha256, f.size);
    const kind = await sniffFile(src);
    inspected.push({ ...f, kind });
    if (kind === "gguf") {
      const g = summarizeGguf(await readGgufHeader(src, f.path, { keep: summaryKeys }));
      metadata.files[f.path] = { gguf: g };
      ggufParams += g.parameter_count;
      metadata.architecture ??= g.architecture;
      metadata.context_length ??= g.context_length;
      metadata.quantization ??= g.quantization;
      metadata.chat_template ??= g.chat_template;
    } else if (kind === "safetensors") {
      const s = summarizeSafetensors(await readSafetensorsHeader(src, f.path));
      metadata.files[f.path] = { safetensors: s };
      stParams += s.parameter_count;
      for (const d of s.dtypes) dtypes.add(d);
    } else if (f.path === FINE_TUNE_DEFAULTS_FILE) {
      metadata.fine_tune_defaults = await readRecommendation(src, f.size);
    } else if (kind === "json" && f.path.split("/").pop() === "config.json" && f.size <= MAX_CONFIG) {
      try {
        const c = JSON.parse((await src.read(0, f.size)).toString("utf8"));
        config = {
          architecture:
            (Array.isArray(c.architectures) && typeof c.architectures[0] === "string"
              ? c.architectures[0]
              : null) ?? (typeof c.model_type === "string" ? c.model_type : null),
          context: Number.isSafeInteger(c.max_position_embeddings) ? c.max_position_embeddings : null,
        };
      } catch {
        // A config.json that is not JSON is kept as a file; it just tells us nothing.
      }
    }
  }
  const formats = WEIGHTS.filter((w) => inspected.some((f) => f.kind === w));
  if (!formats.length)
    throw invalid("no weight file among the files: expected safetensors, GGUF or PyTorch (.bin) bytes", {
      kinds: Object.fromEntries(inspected.map((f) => [f.path, f.kind])),
    });
  metadata.dtypes = [...dtypes].sort();
  metadata.parameter_count = ggufParams || stParams || null;
  if (config) {
    metadata.architecture ??= config.architecture;
    metadata.context_length ??= config.context;
  }
  if (!metadata.quantization && metadata.dtypes.length === 1) metadata.quantization = metadata.dtypes[0]!;
  return { files: inspected, format: formats[0]!, formats, metadata };
}

/** The version's recommended fine-tuning settings; a file that does not hold valid ones is refused, saying why. */
async function readRecommendation(
  src: ReturnType<typeof blobByteSource>,
  size: number,
): Promise<FineTuneRecommendation> {
  if (size > MAX_CONFIG) throw invalid(`${FINE_TUNE_DEFAULTS_FILE} is over 1 MiB`);
  let value: unknown;
  try {
    value = JSON.parse((await src.read(0, size)).toString("utf8"));
  } catch (e) {
    throw invalid(`${FINE_TUNE_DEFAULTS_FILE} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = FineTuneRecommendation.safeParse(value);
  if (!parsed.success)
    throw invalid(
      `${FINE_TUNE_DEFAULTS_FILE} holds settings Infera cannot use: ${parsed.error.issues
        .map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`)
        .join("; ")}`,
    );
  return parsed.data;
}
