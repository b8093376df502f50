import type { FineTuneJobDetail, JobTransition } from "@infera/contracts";
import { Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { usePreferences } from "../../../lib/preferences";
import { formatDuration, isFinished, secondsBetween } from "../api";
import { JobStatusTag } from "./job-status-tag";

const knownReasons = ["created", "cloned", "canceled", "retried"] as const;

/** How long the job stayed in the state each transition entered: to the next one, or to now. */
export function stateDurations(
  transitions: JobTransition[],
  finished: boolean,
  now = Date.now(),
): (number | null)[] {
  const sorted = [...transitions].sort((a, b) => a.seq - b.seq);
  return sorted.map((tr, i) => {
    const next = sorted[i + 1];
    if (next) return secondsBetween(tr.at, next.at);
    // A finished job's last state does not run on.
    return finished ? null : secondsBetween(tr.at, null, now);
  });
}

/** The job's transitions in order, each with its reason, actor and how long the state lasted. */
export function JobTimeline({ job, now }: { job: FineTuneJobDetail; now?: number }) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const sorted = [...job.transitions].sort((a, b) => a.seq - b.seq);
  const finished = isFinished(job.status);
  const durations = stateDurations(sorted, finished, now);
  return (
    <section aria-label={t("fineTuningPage.timeline.title")}>
      <Timeline
        items={sorted.map((tr, i) => {
          const d = durations[i] ?? null;
          const reason = (knownReasons as readonly string[]).includes(tr.reason)
            ? t(`fineTuningPage.timeline.reason.${tr.reason as (typeof knownReasons)[number]}`)
            : tr.reason;
          return {
            key: tr.seq,
            content: (
              <div data-seq={tr.seq}>
                <JobStatusTag status={tr.to} />
                <Typography.Text>{reason}</Typography.Text>
                <br />
                <Typography.Text type="secondary">
                  {formatDate(tr.at)} · {tr.actor_id ?? t("fineTuningPage.timeline.platform")}
                  {d === null
                    ? ""
                    : ` · ${t(i === sorted.length - 1 ? "fineTuningPage.timeline.for" : "fineTuningPage.timeline.lasted", { duration: formatDuration(d) })}`}
                </Typography.Text>
              </div>
            ),
          };
        })}
      />
    </section>
  );
}
