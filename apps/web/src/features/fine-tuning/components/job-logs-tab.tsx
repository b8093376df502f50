import {
  DownloadOutlined,
  PauseOutlined,
  PlayCircleOutlined,
  VerticalAlignBottomOutlined,
} from "@ant-design/icons";
import type { FineTuneJobDetail, FineTuneJobEventType } from "@infera/contracts";
import { Button, Input, Select, Skeleton, Space, Typography } from "antd";
import { useDeferredValue, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../../components/error-state/error-state";
import type { LogLevel } from "../../../components/log-viewer/log-types";
import { downloadText } from "../../../lib/download";
import { isFinished } from "../api";
import { filterLines, type LogLineLabels, logFileText, logLines } from "../events/log-lines";
import { useJobEvents } from "../events/use-job-events";
import { JobLogLineRow } from "./job-log-line";
import { RunDataEmpty } from "./run-data-empty";

const LOG_TYPES: readonly FineTuneJobEventType[] = ["log", "status", "failed"];
const LEVELS = ["info", "warn", "error"] as const satisfies readonly LogLevel[];
/** How close to the bottom still counts as "at the end" (a partly shown last line). */
const END_SLACK_PX = 24;

/**
 * Logs: the runtime's lines, state changes and the failure, live. The view follows new lines while
 * it is scrolled to the end; scrolling up stops that until the user comes back down, and Pause holds
 * the lines still (new ones wait behind "Resume"). Search and level filter the loaded lines here.
 */
export function JobLogsTab({ job }: { job: FineTuneJobDetail }) {
  const { t } = useTranslation();
  const live = !isFinished(job.status);
  const { events, loading, error, reload } = useJobEvents(job.id, LOG_TYPES, live);
  const labels = useMemo<LogLineLabels>(
    () => ({
      status: t("fineTuningPage.runData.logs.status"),
      failed: t("fineTuningPage.runData.logs.failed"),
      suggestion: t("fineTuningPage.runData.logs.suggestion"),
      statusName: (s) => t(`status.fine_tuning_status.${s as FineTuneJobDetail["status"]}`),
    }),
    [t],
  );
  const lines = useMemo(() => logLines(events, labels), [events, labels]);
  const [q, setQ] = useState("");
  const [minLevel, setMinLevel] = useState<LogLevel | undefined>(undefined);
  const [pausedAt, setPausedAt] = useState<number | null>(null);
  const [awayFromEnd, setAwayFromEnd] = useState(false);
  const query = useDeferredValue(q);
  const held = pausedAt === null ? lines : lines.slice(0, pausedAt);
  const visible = useMemo(() => filterLines(held, minLevel, query), [held, minLevel, query]);
  const box = useRef<HTMLDivElement>(null);

  // Follows the end as lines arrive, unless the user scrolled up or paused.
  const following = pausedAt === null && !awayFromEnd;
  useLayoutEffect(() => {
    const el = box.current;
    if (following && el && visible.length > 0) el.scrollTop = el.scrollHeight;
  }, [following, visible]);
  const onScroll = () => {
    const el = box.current;
    if (!el) return;
    setAwayFromEnd(el.scrollTop + el.clientHeight < el.scrollHeight - END_SLACK_PX);
  };
  const toEnd = () => {
    setPausedAt(null);
    setAwayFromEnd(false);
  };

  if (loading) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (lines.length === 0) return <RunDataEmpty kind="logs" job={job} />;
  const waiting = pausedAt === null ? 0 : lines.length - pausedAt;
  return (
    <Space orientation="vertical" size="small" style={{ width: "100%" }} data-run-data="logs">
      <Space wrap>
        <Input.Search
          aria-label={t("fineTuningPage.runData.logs.search")}
          placeholder={t("fineTuningPage.runData.logs.search")}
          allowClear
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ width: 260 }}
        />
        <Select<LogLevel | "all">
          aria-label={t("logs.level")}
          value={minLevel ?? "all"}
          onChange={(v) => setMinLevel(v === "all" ? undefined : v)}
          style={{ width: 170 }}
          options={[
            { value: "all", label: t("logs.allLevels") },
            ...LEVELS.map((l) => ({ value: l, label: t(`logs.levels.${l}`) })),
          ]}
        />
        {live && pausedAt === null ? (
          <Button icon={<PauseOutlined />} onClick={() => setPausedAt(lines.length)}>
            {t("logs.pause")}
          </Button>
        ) : null}
        {pausedAt !== null ? (
          <Button icon={<PlayCircleOutlined />} onClick={toEnd}>
            {waiting > 0 ? t("logs.resumeWithNew", { count: waiting }) : t("logs.resume")}
          </Button>
        ) : null}
        {pausedAt === null && awayFromEnd ? (
          <Button icon={<VerticalAlignBottomOutlined />} onClick={toEnd}>
            {t("fineTuningPage.runData.logs.jumpToEnd")}
          </Button>
        ) : null}
        <Button icon={<DownloadOutlined />} onClick={() => downloadText(`${job.id}.log`, logFileText(lines))}>
          {t("logs.download")}
        </Button>
        <Typography.Text type="secondary" aria-live="polite">
          {t("fineTuningPage.runData.logs.count", { shown: visible.length, total: lines.length })}
        </Typography.Text>
      </Space>
      <div
        ref={box}
        role="log"
        aria-label={t("logs.lines")}
        aria-live={following && live ? "polite" : "off"}
        className="infera-job-log"
        onScroll={onScroll}
      >
        {visible.length === 0 ? (
          <Typography.Text type="secondary" style={{ padding: "0 8px" }}>
            {t("fineTuningPage.runData.logs.noMatches")}
          </Typography.Text>
        ) : (
          visible.map((line) => <JobLogLineRow key={line.id} line={line} q={query} />)
        )}
      </div>
    </Space>
  );
}
