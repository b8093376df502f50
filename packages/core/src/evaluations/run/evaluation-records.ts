import type { CreateEvaluationInput } from "@infera/contracts";
import { scanDataset } from "@infera/dataset-validation";
import { eq, tables } from "@infera/db";
import { blobSources } from "../../datasets/dataset-files.js";
import { versionReading } from "../../datasets/dataset-reading.js";
import { versionFiles } from "../../datasets/version-files.js";
import type { ServiceContext } from "../../shared/context.js";
import { DomainError } from "../../shared/errors.js";
import { seededRandom } from "../metrics/bootstrap.js";

/** One chat turn as sent to a target. */
export interface EvaluationMessage {
  role: string;
  content: string;
}

/** One record to generate from: its index in the data (stable across retries), input, reference and slice. */
export interface EvaluationRecord {
  index: number;
  /** Chat messages (sent to `/v1/chat/completions`) or a plain prompt (`/v1/completions`). */
  input: string | EvaluationMessage[];
  reference: string | null;
  slice: string | null;
}

type RunConfig = Omit<CreateEvaluationInput, "targets" | "kind" | "name">;

/**
 * The records a run generates from: the dataset version's valid rows (read from the blob store the
 * way the validation read them) or the typed prompts; a `sample_limit` keeps a seeded random subset,
 * in the data's order, so a retry (or a rerun with the same seed) picks the same records.
 */
export async function evaluationRecords(
  ctx: ServiceContext,
  datasetVersionId: string | null,
  config: RunConfig,
): Promise<EvaluationRecord[]> {
  let records: EvaluationRecord[];
  if (datasetVersionId) records = await datasetRecords(ctx, datasetVersionId, config);
  else if (config.prompts?.length)
    records = config.prompts.map((p, index) => ({ index, input: p, reference: null, slice: null }));
  else throw new DomainError("validation_error", "the run names neither a dataset version nor prompts");
  return pickSubset(records, config.sample_limit, config.seed ?? 42);
}

/** `limit` records chosen by a seeded shuffle, returned in index order. */
export function pickSubset<T extends { index: number }>(
  records: T[],
  limit: number | undefined,
  seed: number,
): T[] {
  if (!limit || limit >= records.length) return records;
  const random = seededRandom(seed);
  const order = records.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order
    .slice(0, limit)
    .sort((a, b) => a - b)
    .map((i) => records[i]!);
}

async function datasetRecords(
  ctx: ServiceContext,
  versionId: string,
  config: RunConfig,
): Promise<EvaluationRecord[]> {
  const [version] = await ctx.db
    .select()
    .from(tables.datasetVersions)
    .where(eq(tables.datasetVersions.id, versionId));
  if (!version) throw new DomainError("not_found", "the run's dataset version no longer exists");
  const files = await versionFiles(ctx.db, version.id);
  const out: EvaluationRecord[] = [];
  for await (const event of scanDataset(blobSources(ctx.blobs, files), versionReading(version, files))) {
    if (event.kind !== "valid") continue;
    const { value, record, index } = event.row;
    const slice = config.slice_field ? sliceOf(value[config.slice_field]) : null;
    const picked = config.prompt_field
      ? fromFields(value, config.prompt_field, config.reference_field)
      : fromRecord(record);
    if (picked) out.push({ index, ...picked, slice });
  }
  return out;
}

function fromFields(
  value: Record<string, unknown>,
  promptField: string,
  referenceField: string | undefined,
): Pick<EvaluationRecord, "input" | "reference"> | null {
  const prompt = value[promptField];
  const ref = referenceField ? value[referenceField] : undefined;
  const reference =
    ref === undefined || ref === null ? null : typeof ref === "string" ? ref : JSON.stringify(ref);
  if (typeof prompt === "string") return { input: prompt, reference };
  if (Array.isArray(prompt)) return { input: toMessages(prompt), reference };
  return null;
}

function fromRecord(
  record: import("@infera/dataset-validation").DatasetRecord,
): Pick<EvaluationRecord, "input" | "reference"> | null {
  switch (record.format) {
    case "chat": {
      const messages = toMessages(record.messages);
      // The last assistant turn is the reference; what comes before it is what the target sees.
      let last = -1;
      for (let i = messages.length - 1; i >= 0; i--)
        if (messages[i]!.role === "assistant") {
          last = i;
          break;
        }
      if (last <= 0) return messages.length ? { input: messages, reference: null } : null;
      return { input: messages.slice(0, last), reference: messages[last]!.content };
    }
    case "prompt_completion":
      return { input: record.prompt, reference: record.completion };
    case "text":
      return { input: record.text, reference: null };
    case "preference": {
      const prompt = record.prompt;
      if (prompt === undefined) return null;
      const chosen =
        typeof record.chosen === "string" ? record.chosen : (record.chosen.at(-1)?.content ?? null);
      return { input: typeof prompt === "string" ? prompt : toMessages(prompt), reference: chosen };
    }
  }
}

function toMessages(list: unknown[]): EvaluationMessage[] {
  return list.map((m) => {
    const o = (m ?? {}) as { role?: unknown; content?: unknown };
    return {
      role: typeof o.role === "string" ? o.role : "user",
      content: typeof o.content === "string" ? o.content : JSON.stringify(o.content ?? ""),
    };
  });
}

function sliceOf(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  return typeof v === "string" ? v : JSON.stringify(v);
}
