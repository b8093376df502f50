import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { appendJobEvents, withTransaction } from "@infera/core";
import type { RunningServer } from "../../main.js";
import type { HttpClient } from "../../testing/http.js";
import { seedDataset } from "../datasets/dataset-test-helpers.js";
import { seedModel } from "../models/model-test-helpers.js";

/** What a job needs in a project: a base model (tagged latest) and a chat dataset version. */
export interface JobInputs {
  modelId: string;
  versionId: string;
  datasetId: string;
  datasetVersionId: string;
}

export async function seedJobInputs(client: HttpClient, projectId: string): Promise<JobInputs> {
  const m = await seedModel(client, projectId);
  const d = await seedDataset(client, projectId, { rows: 12 });
  return {
    modelId: m.modelId,
    versionId: m.versionIds[0]!,
    datasetId: d.datasetId,
    datasetVersionId: d.versionIds[0]!,
  };
}

let counter = 0;

/** The smallest valid configuration: base model by tag, dataset version, a new output model. */
export function minimalConfig(inputs: JobInputs, extra: Record<string, unknown> = {}) {
  counter += 1;
  return {
    base_model: { model_id: inputs.modelId },
    dataset_version_id: inputs.datasetVersionId,
    output: { model_name: `tuned-${Date.now().toString(36)}-${counter}` },
    ...extra,
  };
}

/** A queued job made through the API by `client`. */
export async function seedJob(
  client: HttpClient,
  projectId: string,
  inputs: JobInputs,
  extra: Record<string, unknown> = {},
): Promise<{ id: string }> {
  const res = await client.post(`/projects/${projectId}/fine-tuning/jobs`, minimalConfig(inputs, extra));
  if (res.status !== 201) throw new Error(`create job: ${res.status} ${res.text}`);
  return { id: res.body.data.id };
}

/** A finished (canceled) job: cancel moves a queued job straight to canceled. */
export async function seedCanceledJob(client: HttpClient, projectId: string, inputs: JobInputs) {
  const job = await seedJob(client, projectId, inputs);
  const res = await client.post(`/fine-tuning/jobs/${job.id}/cancel`);
  if (res.status !== 200) throw new Error(`cancel job: ${res.status} ${res.text}`);
  return job;
}

/**
 * What a run leaves when it checkpoints: the folder `output/checkpoints/<name>` in the job's
 * workspace (on the server's `fineTuningWorkspaceDir`) and its `checkpoint` event, appended through
 * core's event log path.
 */
export async function seedCheckpoint(
  server: RunningServer,
  jobId: string,
  name: string,
  step: number,
  files: Record<string, string> = { "state.json": `{"step":${step}}\n` },
): Promise<string> {
  const path = `output/checkpoints/${name}`;
  const dir = join(server.systemCtx.settings.fineTuningWorkspaceDir!, jobId, path);
  await mkdir(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), text);
  }
  await withTransaction(server.systemCtx, (tx) =>
    appendJobEvents(tx, jobId, 1, [
      { type: "checkpoint", at: new Date(), data: { path, step, reason: "steps" } },
    ]),
  );
  return dir;
}
