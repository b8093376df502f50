import { z } from "zod";

/** Prefixes of the opaque ids (CONVENTIONS.md "Names"). */
export const idPrefixes = {
  user: "usr",
  session: "ses",
  tenant: "ten",
  invitation: "inv",
  project: "proj",
  serviceAccount: "sa",
  serviceAccountToken: "sat",
  auditEvent: "aud",
  upload: "upl",
  model: "mdl",
  modelVersion: "mv",
  modelTagHistory: "mth",
  dataset: "ds",
  datasetVersion: "dsv",
  datasetValidationRun: "dsvr",
  workItem: "wi",
  fineTuneJob: "ftj",
  fineTuneTemplate: "ftt",
  notification: "ntf",
  node: "node",
  webhook: "wh",
  webhookDelivery: "whd",
  webhookEvent: "evt",
  service: "svc",
  serviceRevision: "rev",
  serviceEvent: "sve",
  serviceReplica: "rep",
  apiKey: "key",
  usageRecord: "usg",
  price: "prc",
  evaluationRun: "evr",
  evaluationGateRule: "egr",
  evaluationBenchmark: "ebm",
} as const;
export type IdKind = keyof typeof idPrefixes;

export function idSchema(kind: IdKind) {
  const prefix = idPrefixes[kind];
  return z
    .string()
    .regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`), `must be a ${kind} id (${prefix}_…)`)
    .describe(`${kind} id`);
}
