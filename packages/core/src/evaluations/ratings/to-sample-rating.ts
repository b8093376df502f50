import type { SampleRating } from "@infera/contracts";
import type { tables } from "@infera/db";

type RatingRow = typeof tables.evaluationRatings.$inferSelect;

/** The wire form; Finance (masked) sees the verdicts and scores but not the rater's free-text note. */
export function toSampleRating(r: RatingRow, masked: boolean): SampleRating {
  return {
    index: r.index,
    rater_id: r.raterId,
    rater_label: r.raterLabel,
    score_a: r.scoreA,
    score_b: r.scoreB,
    winner: r.winner,
    note: masked ? "" : r.note,
    updated_at: r.updatedAt.toISOString(),
  };
}
