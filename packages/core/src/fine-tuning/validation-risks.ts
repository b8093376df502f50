import type {
  DatasetFormat,
  FineTuneJobConfig,
  FineTuneJobWarning,
  TokenStatistics,
} from "@infera/contracts";
import type { BlobStore } from "../ports/blob-store.js";
import type { TxContext } from "../shared/transaction.js";
import { type TokenizerFacts, tokenizerDifferences, tokenizerFactsOf } from "./tokenizer-facts.js";

const MODEL_VERSION_TOKENIZER = "model-version/";

function describe(differences: Record<string, unknown>): string {
  const parts: string[] = [];
  const vocab = differences.vocabulary_size as { dataset: number | null; model: number | null } | undefined;
  if (vocab) parts.push(`vocabulary ${vocab.dataset ?? "unknown"} vs ${vocab.model ?? "unknown"} tokens`);
  const special = differences.special_tokens as { only_dataset: string[]; only_model: string[] } | undefined;
  if (special?.only_model.length)
    parts.push(`special tokens only the model has: ${special.only_model.join(" ")}`);
  if (special?.only_dataset.length)
    parts.push(`special tokens the model lacks: ${special.only_dataset.join(" ")}`);
  if (differences.chat_template) parts.push("a different chat template");
  if (differences.tokenizer) parts.push(String(differences.tokenizer));
  return parts.join("; ") || "different tokenizer files";
}

/**
 * `tokenizer_mismatch`: the token statistics (lengths, the truncation share) were counted with
 * another tokenizer than the base version's, so they may be off. Two tokenizers with the same
 * files are the same; otherwise the warning names both and what differs.
 */
export async function tokenizerRisk(
  tx: TxContext,
  store: BlobStore,
  input: { stats: TokenStatistics | null; datasetVersionId: string; baseVersionId: string },
): Promise<{ warnings: FineTuneJobWarning[]; model: TokenizerFacts | null }> {
  const model = await tokenizerFactsOf(tx, store, input.baseVersionId);
  const counted = input.stats?.tokenizer;
  if (!counted || !model || counted.id === `${MODEL_VERSION_TOKENIZER}${input.baseVersionId}`)
    return { warnings: [], model };
  let differences: Record<string, unknown>;
  if (counted.id.startsWith(MODEL_VERSION_TOKENIZER)) {
    const other = await tokenizerFactsOf(tx, store, counted.id.slice(MODEL_VERSION_TOKENIZER.length));
    if (other?.digest === model.digest) return { warnings: [], model };
    differences = other ? tokenizerDifferences(other, model) : {};
  } else {
    differences = {
      tokenizer: `"${counted.name}" is the platform's default tokenizer, not one of the model's`,
      vocabulary_size: { dataset: null, model: model.vocabularySize },
    };
  }
  return {
    model,
    warnings: [
      {
        code: "tokenizer_mismatch",
        message: `the token statistics of dataset version ${input.datasetVersionId} were counted with "${counted.name}", not the base model version ${input.baseVersionId}'s tokenizer (${describe(differences)}): lengths and the truncation share may be off; make the version again with base_model_version_id ${input.baseVersionId}`,
        dataset_tokenizer: counted,
        model_tokenizer: { id: `${MODEL_VERSION_TOKENIZER}${input.baseVersionId}` },
        differences,
      },
    ],
  };
}

/** What each stage trains on; the other formats are refused (sft on text) or warned about here. */
const STAGE_FORMATS: Record<FineTuneJobConfig["stage"], readonly DatasetFormat[]> = {
  pretrain: ["text"],
  sft: ["chat", "prompt_completion"],
};
const TOOL_FIELDS = /^(tools|messages\[\]\.(tool_calls|tool_call_id))(\.|\[|$)/;

/**
 * `schema_mismatch`: records whose shape does not suit the stage (pretrain on chat records), or tool
 * turns that the base model's chat template cannot render (it never mentions tools).
 */
export function schemaRisks(
  config: Pick<FineTuneJobConfig, "stage" | "chat_template">,
  dataset: { format: DatasetFormat; fields: readonly { path: string }[] },
  baseTemplate: string | null,
): FineTuneJobWarning[] {
  const warnings: FineTuneJobWarning[] = [];
  const expected = STAGE_FORMATS[config.stage];
  if (!expected.includes(dataset.format))
    warnings.push({
      code: "schema_mismatch",
      message: `stage ${config.stage} trains on ${expected.join(" or ")} records, the dataset version holds ${dataset.format} records: ${config.stage === "pretrain" ? "use stage sft, or a version of text records" : "use a version of chat or prompt_completion records"}`,
      stage: config.stage,
      format: dataset.format,
      expected_formats: expected,
    });
  const toolFields = dataset.fields.map((f) => f.path).filter((p) => TOOL_FIELDS.test(p));
  if (!config.chat_template && baseTemplate && toolFields.length && !/tool/i.test(baseTemplate))
    warnings.push({
      code: "schema_mismatch",
      message: `records carry tool turns (${toolFields.join(", ")}) but the base model's chat template never renders tools: they would be dropped or garbled; choose a chat_template that renders tools`,
      fields: toolFields,
    });
  return warnings;
}
