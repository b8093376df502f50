import type { HttpClient } from "../../testing/http.js";
import { seedDataset } from "../datasets/dataset-test-helpers.js";
import { seedModel } from "../models/model-test-helpers.js";

/** What a run needs in a project: a model with two versions (tagged latest) and a chat dataset version. */
export interface EvaluationInputs {
  modelId: string;
  versionIds: string[];
  datasetId: string;
  datasetVersionId: string;
}

export async function seedEvaluationInputs(client: HttpClient, projectId: string): Promise<EvaluationInputs> {
  const m = await seedModel(client, projectId, { versions: 2 });
  const d = await seedDataset(client, projectId, { rows: 6 });
  return {
    modelId: m.modelId,
    versionIds: m.versionIds,
    datasetId: d.datasetId,
    datasetVersionId: d.versionIds[0]!,
  };
}

export function automaticRun(inputs: EvaluationInputs, extra: Record<string, unknown> = {}) {
  return {
    kind: "automatic",
    targets: [{ model_version_id: inputs.versionIds[0] }],
    dataset_version_id: inputs.datasetVersionId,
    metrics: [{ name: "exact_match" }],
    ...extra,
  };
}

/** A queued run made through the API. */
export async function seedRun(
  client: HttpClient,
  projectId: string,
  inputs: EvaluationInputs,
  extra: Record<string, unknown> = {},
) {
  const res = await client.post(`/projects/${projectId}/evaluations`, automaticRun(inputs, extra));
  if (res.status !== 201) throw new Error(`create evaluation: ${res.status} ${res.text}`);
  return res.body.data as { id: string; status: string };
}

/** A finished (canceled) run: the only kind that can be deleted. */
export async function seedFinishedRun(client: HttpClient, projectId: string, inputs: EvaluationInputs) {
  const run = await seedRun(client, projectId, inputs);
  const res = await client.post(`/evaluations/${run.id}/cancel`);
  if (res.status !== 200) throw new Error(`cancel evaluation: ${res.status} ${res.text}`);
  return run;
}
