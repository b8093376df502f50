import type { EvaluationKind, EvaluationTarget } from "@infera/contracts";
import { seedRatings as seedRatingRows, seedSideBySideRun as seedRun } from "@infera/testing";
import type { RunningServer } from "../../main.js";

export const sbsTargets = (tag: string): EvaluationTarget[] => [
  {
    key: "a",
    kind: "model_version",
    model_id: `mdl_${tag}`,
    model_version_id: `mv_${tag}_a`,
    service_id: null,
    revision_id: null,
    label: `support-router:v2 (${tag})`,
    role: "evaluated",
  },
  {
    key: "b",
    kind: "service_revision",
    model_id: null,
    model_version_id: null,
    service_id: `svc_${tag}`,
    revision_id: `rev_${tag}`,
    label: `support-svc@rev1 (${tag})`,
    role: "compared",
  },
];

export const promptOf = (i: number) => `question ${i}: how do I reset my password?`;
export const answerOf = (target: "a" | "b", i: number) => `answer ${target.toUpperCase()} to question ${i}`;

/** A finished side-by-side run of `prompts` prompts in `place`, both targets' answers written as the runner would. */
export function seedSideBySideRun(
  server: RunningServer,
  place: { tenantId: string; projectId: string },
  opts: { prompts?: number; kind?: EvaluationKind; seed?: number; onlyA?: number[]; tag?: string } = {},
): Promise<string> {
  const tag = opts.tag ?? "test";
  return seedRun(server.systemCtx, {
    tenantId: place.tenantId,
    projectId: place.projectId,
    targets: sbsTargets(tag),
    prompts: Array.from({ length: opts.prompts ?? 10 }, (_, i) => promptOf(i)),
    answer: answerOf,
    name: `sbs ${tag}`,
    ...(opts.kind ? { kind: opts.kind } : {}),
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    ...(opts.onlyA ? { onlyA: opts.onlyA } : {}),
  });
}

/** One rater's verdicts on prompts 0…n-1, for set-ups that need a rated run. */
export const seedRatings = (
  server: RunningServer,
  runId: string,
  raterId: string,
  winners: ("a" | "b" | "tie")[],
) => seedRatingRows(server.systemCtx, runId, raterId, winners);
