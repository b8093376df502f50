/**
 * How a prompt's raters decide it: a side wins when more than half of the prompt's raters chose
 * it; anything else (most said tie, or the raters split) is a draw. One rule for the win rate (a
 * draw counts half) and the preference export (a draw is left out), so the two never disagree.
 */

export interface RatingVote {
  index: number;
  winner: "a" | "b" | "tie";
}

export interface PromptOutcome {
  index: number;
  ratings: number;
  a: number;
  b: number;
  ties: number;
  /** The side more than half of the raters chose; null: a tie or no majority. */
  winner: "a" | "b" | null;
  /** For the win rate of `a`: 1, 0, or 0.5 for a draw. */
  outcome: 1 | 0 | 0.5;
}

/** Per prompt (ascending index), the votes and the majority's decision. */
export function promptOutcomes(votes: readonly RatingVote[]): PromptOutcome[] {
  const byIndex = new Map<number, { a: number; b: number; ties: number }>();
  for (const v of votes) {
    const c = byIndex.get(v.index) ?? { a: 0, b: 0, ties: 0 };
    if (v.winner === "a") c.a++;
    else if (v.winner === "b") c.b++;
    else c.ties++;
    byIndex.set(v.index, c);
  }
  return [...byIndex.entries()]
    .sort(([x], [y]) => x - y)
    .map(([index, c]) => {
      const ratings = c.a + c.b + c.ties;
      const winner = c.a * 2 > ratings ? "a" : c.b * 2 > ratings ? "b" : null;
      return { index, ratings, ...c, winner, outcome: winner === "a" ? 1 : winner === "b" ? 0 : 0.5 };
    });
}
