import type { EvaluationRun } from "@infera/contracts";

/** Placeholder: the Side-by-Side tab of a side-by-side run (its two outputs, ratings, win rate). */
export function SideBySideTab(_props: { run: EvaluationRun }) {
  return null;
}
