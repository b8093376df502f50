import { FineTuneJobStatus } from "@infera/contracts";
import { describe, expect, it } from "vitest";
import { canTransition, isFinished, JOB_TRANSITIONS } from "./job-state-machine.js";

describe("the job state table", () => {
  it("allows the paths of the job's life and nothing out of a succeeded job", () => {
    const path = ["queued", "starting", "running", "canceling", "canceled", "queued"] as const;
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
    expect(canTransition("running", "succeeded")).toBe(true);
    expect(canTransition("running", "queued")).toBe(true);
    expect(JOB_TRANSITIONS.succeeded).toEqual([]);
    expect(canTransition("queued", "running")).toBe(false);
    expect(canTransition("canceled", "running")).toBe(false);
    expect(canTransition("failed", "succeeded")).toBe(false);
  });

  it("lets every state reach a finished one, and leaves finished ones only by going back to the queue", () => {
    for (const from of FineTuneJobStatus.options) {
      const seen = new Set<string>([from]);
      const todo = [from];
      while (todo.length) {
        for (const to of JOB_TRANSITIONS[todo.pop()!]) {
          if (seen.has(to)) continue;
          seen.add(to);
          todo.push(to);
        }
      }
      expect(
        [...seen].some((s) => isFinished(s as FineTuneJobStatus)),
        from,
      ).toBe(true);
      if (isFinished(from)) expect(JOB_TRANSITIONS[from].every((to) => to === "queued")).toBe(true);
    }
  });
});
