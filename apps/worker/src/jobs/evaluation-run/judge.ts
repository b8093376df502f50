import type { MetricConfig } from "@infera/contracts";
import type { EvaluationRecord, EvaluationRunPlan, ServiceContext } from "@infera/core";
import { timed } from "./generators.js";
import type { EvaluationRunOptions } from "./options.js";

/**
 * The judge metric: the project's judging service scores the answer 1–5 by the rubric, given the
 * prompt and the reference. An answer without a score is no score (the sample keeps a note why),
 * never a guess.
 */
export async function askJudge(
  ctx: ServiceContext,
  plan: EvaluationRunPlan,
  judge: MetricConfig,
  record: EvaluationRecord,
  answer: string,
  opts: EvaluationRunOptions,
  signal: AbortSignal,
): Promise<{ score: number | null; reason: string | null }> {
  if (!judge.judge_service_id) return { score: null, reason: "no judge service configured" };
  if (!ctx.inference) return { score: null, reason: "no gateway in this worker's process to call the judge" };
  const prompt =
    typeof record.input === "string"
      ? record.input
      : record.input.map((m) => `${m.role}: ${m.content}`).join("\n");
  const rubric = judge.rubric ?? "Score how correct, complete and helpful the answer is.";
  const content = [
    `Rubric: ${rubric}`,
    `Prompt:\n${prompt}`,
    record.reference !== null ? `Reference answer:\n${record.reference}` : null,
    `Answer to grade:\n${answer}`,
    "Reply with a line `Score: N` where N is an integer from 1 (worst) to 5 (best), then a line `Reason: ` with one sentence.",
  ]
    .filter(Boolean)
    .join("\n\n");
  const res = await timed(
    () =>
      ctx.inference!.call({
        tenantId: plan.tenantId,
        projectId: plan.projectId,
        serviceId: judge.judge_service_id!,
        endpoint: "chat/completions",
        body: {
          messages: [
            { role: "system", content: "You are a strict grader of answers." },
            { role: "user", content },
          ],
          temperature: 0,
          max_tokens: 128,
          stream: false,
        },
        signal: AbortSignal.any([signal, AbortSignal.timeout(opts.requestTimeoutMs ?? 120_000)]),
        userId: plan.createdBy ?? "system",
        logContent: plan.logContent,
      }),
    "chat",
  );
  if (res.output === null) return { score: null, reason: `the judge did not answer: ${res.error}` };
  return parseJudgeAnswer(res.output);
}

/** `Score: 4` (or the first lone digit 1–5) and the `Reason:` line; no score when neither is there. */
export function parseJudgeAnswer(text: string): { score: number | null; reason: string | null } {
  const m =
    /score\s*[:=]?\s*\**\s*([1-5])\b/i.exec(text) ?? /(?:^|[^\d.])([1-5])(?:\s*\/\s*5)?(?![\d.])/.exec(text);
  const reasonMatch = /reason\s*:\s*(.+)/i.exec(text);
  const reason = (reasonMatch?.[1] ?? text).trim().slice(0, 1000);
  if (!m) return { score: null, reason: `the judge's answer had no 1–5 score: ${text.trim().slice(0, 300)}` };
  return { score: Number(m[1]), reason };
}
