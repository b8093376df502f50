import { DownloadOutlined, PauseOutlined, PlayCircleOutlined } from "@ant-design/icons";
import type { ServiceLogFilter } from "@infera/client";
import type { ServiceLogLevel, ServiceLogLine, ServiceRevision } from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Input, Select, Skeleton, Space, Switch, Tag, Typography } from "antd";
import { type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../../components/error-state/error-state";
import { isApiError } from "../../../lib/api-error";
import { api } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";

const LEVELS: readonly ServiceLogLevel[] = ["debug", "info", "warn", "error"];
const RANGES = { "15m": 15 * 60_000, "1h": 3_600_000, "6h": 6 * 3_600_000, "24h": 24 * 3_600_000 } as const;
type RangeKey = keyof typeof RANGES | "all";
const LEVEL_COLOR: Record<ServiceLogLevel, string> = {
  debug: "default",
  info: "blue",
  warn: "orange",
  error: "red",
};
/** Lines the view keeps: the newest page, older pages asked for, and what arrived live. */
const PAGE = 500;
const MAX_LINES = 5000;
/** The env policy the server names when a Prod project's Viewer asks (403 `details.policy`). */
const VIEWER_POLICY = "viewers_cannot_view_logs";

export interface ServiceLogsTabProps {
  tenantId: string;
  projectId: string;
  serviceId: string;
  revisions: readonly Pick<ServiceRevision, "id" | "number">[];
}

function highlight(text: string, q: string | undefined): ReactNode {
  if (!q) return text;
  const i = text.toLowerCase().indexOf(q.toLowerCase());
  if (i < 0) return text;
  return (
    <>
      {text.slice(0, i)}
      <mark>{text.slice(i, i + q.length)}</mark>
      {text.slice(i + q.length)}
    </>
  );
}

/** Whether the answer is the Prod policy that keeps logs from Viewers (explained, not shown as a failure). */
function deniedByViewerPolicy(error: unknown): boolean {
  return (
    isApiError(error) &&
    error.code === "forbidden" &&
    (error.details as { policy?: unknown } | undefined)?.policy === VIEWER_POLICY
  );
}

/**
 * Logs: what the service's replicas wrote, every node's (the workers ship them to the server). The
 * filters (revision, replica, level, time range, text) are the server's, so Download gets exactly the
 * matching lines of the whole log, not only the loaded ones. Live follows new lines over Server-Sent
 * Events from the last one loaded; Pause holds them back. A Prod project's Viewers are told which
 * env policy keeps logs from them.
 */
export function ServiceLogsTab({ tenantId, projectId, serviceId, revisions }: ServiceLogsTabProps) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const [revision, setRevision] = useState<number | undefined>(undefined);
  const [replica, setReplica] = useState<string | undefined>(undefined);
  const [level, setLevel] = useState<ServiceLogLevel | undefined>(undefined);
  const [range, setRange] = useState<RangeKey>("1h");
  const [q, setQ] = useState<string | undefined>(undefined);
  const [live, setLive] = useState(false);
  const [paused, setPaused] = useState(false);
  const [older, setOlder] = useState<ServiceLogLine[]>([]);
  const [olderCursor, setOlderCursor] = useState<number | null | undefined>(undefined);
  const [streamed, setStreamed] = useState<ServiceLogLine[]>([]);
  const [held, setHeld] = useState<ServiceLogLine[]>([]);
  const pausedRef = useRef(paused);
  pausedRef.current = paused;

  // The time range ends "now" whenever the filters change; live lines extend it.
  const filter = useMemo<ServiceLogFilter>(
    () => ({
      revision,
      replica,
      level,
      q,
      since: range === "all" ? undefined : new Date(Date.now() - RANGES[range]).toISOString(),
    }),
    [revision, replica, level, q, range],
  );
  const newest = useQuery({
    queryKey: ["service-logs", tenantId, projectId, serviceId, filter],
    queryFn: () => api.services.logs(serviceId, { ...filter, tail: "true", limit: PAGE }),
    // Live lines extend the page; reading it again on focus would restart the stream.
    refetchOnWindowFocus: false,
    // A Viewer refused by policy is not helped by asking again.
    retry: (count, error) => !deniedByViewerPolicy(error) && count < 2,
  });
  const page = newest.data;

  // biome-ignore lint/correctness/useExhaustiveDependencies: new filters start the view over
  useEffect(() => {
    setOlder([]);
    setOlderCursor(undefined);
    setStreamed([]);
    setHeld([]);
  }, [filter]);

  useEffect(() => {
    if (!live || !page) return;
    let last = page.next_after ?? 0;
    const stream = api.services.openLogStream(serviceId, {
      ...filter,
      after: last,
      onLine: (line) => {
        if (line.seq <= last) return;
        last = line.seq;
        if (pausedRef.current) setHeld((h) => [...h, line]);
        else setStreamed((s) => [...s, line].slice(-MAX_LINES));
      },
    });
    return () => stream.close();
  }, [live, page, serviceId, filter]);

  // By seq: a page read again (a retry) and the live lines overlap, each line shows once.
  const lines = useMemo(() => {
    const bySeq = new Map<number, ServiceLogLine>();
    for (const l of [...older, ...(page?.data ?? []), ...streamed]) bySeq.set(l.seq, l);
    return [...bySeq.values()].sort((a, b) => a.seq - b.seq).slice(-MAX_LINES);
  }, [older, page, streamed]);
  const cursor = olderCursor === undefined ? page?.prev_before : olderCursor;
  const loadOlder = async () => {
    if (!cursor) return;
    const before = await api.services.logs(serviceId, { ...filter, before: cursor, limit: PAGE });
    setOlder((o) => [...before.data, ...o]);
    setOlderCursor(before.prev_before);
  };
  const resume = () => {
    setStreamed((s) => [...s, ...held].slice(-MAX_LINES));
    setHeld([]);
    setPaused(false);
  };
  const replicas = useMemo(
    () => [...new Set([...(replica ? [replica] : []), ...lines.map((l) => l.replica_id)])].sort(),
    [lines, replica],
  );

  if (deniedByViewerPolicy(newest.error))
    return (
      <Alert
        type="info"
        showIcon
        title={t("serviceLogs.policy.title")}
        description={t("serviceLogs.policy.description", { policy: VIEWER_POLICY })}
      />
    );

  return (
    <Space orientation="vertical" style={{ width: "100%" }} data-service-logs>
      <Space wrap>
        <Select<number | "all">
          aria-label={t("serviceLogs.revision")}
          value={revision ?? "all"}
          onChange={(v) => setRevision(v === "all" ? undefined : v)}
          style={{ width: 150 }}
          options={[
            { value: "all", label: t("serviceLogs.allRevisions") },
            ...[...revisions]
              .sort((a, b) => b.number - a.number)
              .map((r) => ({ value: r.number, label: t("serviceLogs.revisionN", { number: r.number }) })),
          ]}
        />
        <Select<string>
          aria-label={t("serviceLogs.replica")}
          value={replica ?? "all"}
          onChange={(v) => setReplica(v === "all" ? undefined : v)}
          style={{ width: 280 }}
          options={[
            { value: "all", label: t("serviceLogs.allReplicas") },
            ...replicas.map((id) => ({ value: id, label: id })),
          ]}
        />
        <Select<ServiceLogLevel | "all">
          aria-label={t("serviceLogs.level")}
          value={level ?? "all"}
          onChange={(v) => setLevel(v === "all" ? undefined : v)}
          style={{ width: 170 }}
          options={[
            { value: "all", label: t("serviceLogs.allLevels") },
            ...LEVELS.map((l) => ({ value: l, label: t(`serviceLogs.levels.${l}`) })),
          ]}
        />
        <Select<RangeKey>
          aria-label={t("serviceLogs.timeRange")}
          value={range}
          onChange={setRange}
          style={{ width: 170 }}
          options={(["15m", "1h", "6h", "24h", "all"] as const).map((k) => ({
            value: k,
            label: t(`serviceLogs.ranges.${k}`),
          }))}
        />
        <Input.Search
          aria-label={t("serviceLogs.search")}
          placeholder={t("serviceLogs.search")}
          allowClear
          onSearch={(v) => setQ(v.trim() || undefined)}
          style={{ width: 240 }}
        />
        <Space size={4}>
          <Switch
            size="small"
            checked={live}
            onChange={(on) => {
              setLive(on);
              if (!on) resume();
            }}
            aria-label={t("serviceLogs.live")}
          />
          <span>{t("serviceLogs.live")}</span>
        </Space>
        {live ? (
          paused ? (
            <Button icon={<PlayCircleOutlined />} onClick={resume}>
              {held.length > 0
                ? t("serviceLogs.resumeWithNew", { count: held.length })
                : t("serviceLogs.resume")}
            </Button>
          ) : (
            <Button icon={<PauseOutlined />} onClick={() => setPaused(true)}>
              {t("serviceLogs.pause")}
            </Button>
          )
        ) : null}
        <Button icon={<DownloadOutlined />} href={api.services.logDownloadUrl(serviceId, filter)} download>
          {t("serviceLogs.download")}
        </Button>
      </Space>
      {newest.isError ? <ErrorState error={newest.error} onRetry={() => void newest.refetch()} /> : null}
      {newest.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : newest.isError ? null : (
        <>
          {cursor ? (
            <Button size="small" onClick={() => void loadOlder()}>
              {t("serviceLogs.loadOlder")}
            </Button>
          ) : null}
          <div
            role="log"
            aria-label={t("serviceLogs.lines")}
            aria-live={live && !paused ? "polite" : "off"}
            style={{ fontFamily: "monospace", fontSize: 12, maxHeight: 520, overflow: "auto", padding: 8 }}
          >
            {lines.length === 0 ? (
              <Typography.Text type="secondary">{t("serviceLogs.empty")}</Typography.Text>
            ) : (
              lines.map((line) => (
                <div
                  key={line.seq}
                  className="infera-service-log-line"
                  data-seq={line.seq}
                  data-level={line.level}
                  style={{ display: "flex", gap: 8 }}
                >
                  <span style={{ whiteSpace: "nowrap" }}>{formatDate(line.at)}</span>
                  <Tag color={LEVEL_COLOR[line.level]} style={{ marginInlineEnd: 0 }}>
                    {line.level.toUpperCase()}
                  </Tag>
                  <Tag style={{ marginInlineEnd: 0 }}>
                    {t("serviceLogs.revisionN", { number: line.revision_number })}
                  </Tag>
                  <Typography.Text type="secondary" style={{ whiteSpace: "nowrap" }}>
                    {line.replica_id}
                  </Typography.Text>
                  <span
                    className="message"
                    style={{ flex: 1, whiteSpace: "pre-wrap", wordBreak: "break-all" }}
                  >
                    {highlight(line.message, q)}
                  </span>
                </div>
              ))
            )}
          </div>
          <Typography.Text type="secondary" aria-live="polite">
            {t("serviceLogs.count", { count: lines.length })}
          </Typography.Text>
        </>
      )}
    </Space>
  );
}
