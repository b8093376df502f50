import type { EvaluationSample, SampleRating } from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/client";

/** Query keys of the side-by-side tab and the compare page (all under the evaluation run's key). */
export const sbsKeys = {
  samples: (runId: string) => ["evaluation", "run", runId, "sbs", "samples"] as const,
  ratings: (runId: string) => ["evaluation", "run", runId, "sbs", "ratings"] as const,
  ratingsAt: (runId: string, index: number) => ["evaluation", "run", runId, "sbs", "ratings", index] as const,
  winRate: (runId: string) => ["evaluation", "run", runId, "sbs", "win-rate"] as const,
  compare: (projectId: string, ids: string[]) => ["evaluation", "compare", projectId, ids] as const,
  runs: (projectId: string) => ["evaluation", "list", projectId, "compare-picker"] as const,
};

/** Console paths the side-by-side tab and the compare page link to. */
export function evaluationPaths(tenantId: string, projectId: string) {
  const base = `/t/${encodeURIComponent(tenantId)}/p/${encodeURIComponent(projectId)}`;
  return {
    run: (runId: string) => `${base}/evaluation/${encodeURIComponent(runId)}`,
    compare: (ids: string[]) => `${base}/evaluation/compare?ids=${ids.map(encodeURIComponent).join(",")}`,
    datasetVersion: (datasetId: string, versionId: string) =>
      `${base}/datasets/${encodeURIComponent(datasetId)}?version=${encodeURIComponent(versionId)}`,
  };
}

/** One prompt of a side-by-side run: its index and the two targets' samples. */
export interface SbsPrompt {
  index: number;
  a: EvaluationSample | null;
  b: EvaluationSample | null;
}

/** Samples of both targets grouped by prompt, in dataset order. */
export function groupPrompts(samples: EvaluationSample[]): SbsPrompt[] {
  const byIndex = new Map<number, SbsPrompt>();
  for (const s of samples) {
    const p = byIndex.get(s.index) ?? { index: s.index, a: null, b: null };
    p[s.target] = s;
    byIndex.set(s.index, p);
  }
  return [...byIndex.values()].sort((x, y) => x.index - y.index);
}

/** Every sample of the run in dataset order (a page of 200 at a time; a rater reads them all). */
export function useSbsPrompts(runId: string, enabled: boolean) {
  return useQuery({
    queryKey: sbsKeys.samples(runId),
    enabled,
    queryFn: async () => {
      const all: EvaluationSample[] = [];
      for await (const s of api.evaluations.samples(runId).iterate({ order: "index", limit: 200 }))
        all.push(s);
      return groupPrompts(all);
    },
  });
}

/** Every rating of the run (all raters): which prompts the caller rated and how many others did. */
export function useAllRatings(runId: string, enabled: boolean) {
  return useQuery({
    queryKey: sbsKeys.ratings(runId),
    enabled,
    queryFn: async () => {
      const all: SampleRating[] = [];
      for await (const r of api.evaluations.ratings(runId).iterate({ limit: 200 })) all.push(r);
      return all;
    },
  });
}

/** The ratings of one prompt, read fresh when the rater opens it. */
export function useRatingsAt(runId: string, index: number | null) {
  return useQuery({
    queryKey: sbsKeys.ratingsAt(runId, index ?? -1),
    enabled: index !== null,
    queryFn: async () => (await api.evaluations.ratings(runId).list({ index: index ?? 0, limit: 200 })).data,
  });
}

export function useWinRate(runId: string, enabled: boolean) {
  return useQuery({
    queryKey: sbsKeys.winRate(runId),
    enabled,
    queryFn: () => api.evaluations.winRate(runId),
  });
}

/** A metric value for reading: at most three decimals, in the page's language. */
export function formatValue(value: number | null | undefined, lang: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return new Intl.NumberFormat(lang, { maximumFractionDigits: Math.abs(value) >= 100 ? 1 : 3 }).format(value);
}

/** A difference with its sign (+0.12, −0.05). */
export function formatDelta(value: number, lang: string): string {
  const text = formatValue(Math.abs(value), lang);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}
