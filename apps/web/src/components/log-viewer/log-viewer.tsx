import { CopyOutlined, DownloadOutlined, PauseOutlined, PlayCircleOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { App, Button, Input, Select, Skeleton, Space, Switch, Tag, Typography } from "antd";
import { type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { downloadText } from "../../lib/download";
import { usePreferences } from "../../lib/preferences";
import { ErrorState } from "../error-state/error-state";
import {
  formatLine,
  type LogLevel,
  type LogLine,
  type LogQuery,
  type LogSource,
  logLevels,
  matches,
} from "./log-types";

const ranges = { "15m": 15 * 60_000, "1h": 3_600_000, "6h": 6 * 3_600_000, "24h": 24 * 3_600_000 } as const;
type RangeKey = keyof typeof ranges;
const levelColor: Record<LogLevel, string> = { debug: "default", info: "blue", warn: "orange", error: "red" };

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

export interface LogViewerProps {
  source: LogSource;
  queryKey: readonly unknown[];
  filename?: string;
  maxLines?: number;
}

/** Time range, level and keyword filters; live streaming with pause; copy a line; download. */
export function LogViewer({ source, queryKey, filename = "logs.txt", maxLines = 5000 }: LogViewerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { formatDate } = usePreferences();
  const [rangeKey, setRangeKey] = useState<RangeKey>("1h");
  const [level, setLevel] = useState<LogLevel | undefined>(undefined);
  const [q, setQ] = useState<string | undefined>(undefined);
  const [live, setLive] = useState(false);
  const [paused, setPaused] = useState(false);
  const [streamed, setStreamed] = useState<LogLine[]>([]);
  const [buffered, setBuffered] = useState<LogLine[]>([]);
  const pausedRef = useRef(paused);
  pausedRef.current = paused;

  // The window ends "now" when the filters change; streaming extends it.
  const query = useMemo<LogQuery>(() => {
    const to = new Date();
    return { from: new Date(to.getTime() - ranges[rangeKey]), to, level, q };
  }, [rangeKey, level, q]);
  const history = useQuery({
    queryKey: [...queryKey, rangeKey, level ?? "", q ?? ""],
    queryFn: () => source.load(query),
  });

  useEffect(() => {
    setStreamed([]);
    setBuffered([]);
    if (!live || !source.subscribe) return;
    return source.subscribe(query, (lines) => {
      const wanted = lines.filter((l) => matches(l, query));
      if (wanted.length === 0) return;
      if (pausedRef.current) setBuffered((b) => [...b, ...wanted]);
      else setStreamed((s) => [...s, ...wanted].slice(-maxLines));
    });
  }, [live, source, query, maxLines]);

  const resume = () => {
    setStreamed((s) => [...s, ...buffered].slice(-maxLines));
    setBuffered([]);
    setPaused(false);
  };
  const lines = useMemo(
    () => [...(history.data ?? []).filter((l) => matches(l, query)), ...streamed].slice(-maxLines),
    [history.data, streamed, query, maxLines],
  );
  const copyLine = async (line: LogLine) => {
    try {
      await navigator.clipboard.writeText(formatLine(line, formatDate));
      message.success(t("common.copied"));
    } catch {
      message.error(t("common.copyFailed"));
    }
  };

  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <Select
          aria-label={t("logs.timeRange")}
          value={rangeKey}
          onChange={setRangeKey}
          style={{ width: 140 }}
          options={(Object.keys(ranges) as RangeKey[]).map((k) => ({
            value: k,
            label: t(`logs.ranges.${k}`),
          }))}
        />
        <Select
          aria-label={t("logs.level")}
          value={level ?? "all"}
          onChange={(v) => setLevel(v === "all" ? undefined : (v as LogLevel))}
          style={{ width: 140 }}
          options={[
            { value: "all", label: t("logs.allLevels") },
            ...logLevels.map((l) => ({ value: l, label: t(`logs.levels.${l}`) })),
          ]}
        />
        <Input.Search
          aria-label={t("logs.keyword")}
          placeholder={t("logs.keyword")}
          allowClear
          onSearch={(v) => setQ(v.trim() || undefined)}
          style={{ width: 240 }}
        />
        {source.subscribe ? (
          <Space size={4}>
            <Switch size="small" checked={live} onChange={setLive} aria-label={t("logs.live")} />
            <span>{t("logs.live")}</span>
          </Space>
        ) : null}
        {live ? (
          paused ? (
            <Button icon={<PlayCircleOutlined />} onClick={resume}>
              {buffered.length > 0 ? t("logs.resumeWithNew", { count: buffered.length }) : t("logs.resume")}
            </Button>
          ) : (
            <Button icon={<PauseOutlined />} onClick={() => setPaused(true)}>
              {t("logs.pause")}
            </Button>
          )
        ) : null}
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            downloadText(filename, lines.map((l) => formatLine(l, formatDate)).join("\n") + "\n")
          }
          disabled={lines.length === 0}
        >
          {t("logs.download")}
        </Button>
      </Space>
      {history.isError ? <ErrorState error={history.error} onRetry={() => void history.refetch()} /> : null}
      {history.isPending ? (
        <div aria-busy="true">
          <Skeleton active paragraph={{ rows: 4 }} />
          {t("common.loading")}
        </div>
      ) : (
        <div
          role="log"
          aria-label={t("logs.lines")}
          aria-live={live && !paused ? "polite" : "off"}
          style={{
            fontFamily: "monospace",
            fontSize: 12,
            maxHeight: 480,
            overflow: "auto",
            background: "#fafafa",
            padding: 8,
          }}
        >
          {lines.length === 0 ? (
            <Typography.Text type="secondary">{t("logs.empty")}</Typography.Text>
          ) : (
            lines.map((line) => (
              <div
                key={line.id}
                data-level={line.level}
                className="infera-log-line"
                style={{ display: "flex", gap: 8 }}
              >
                <span style={{ whiteSpace: "nowrap", color: "#888" }}>{formatDate(line.ts)}</span>
                <Tag color={levelColor[line.level]} style={{ marginInlineEnd: 0 }}>
                  {line.level.toUpperCase()}
                </Tag>
                {line.source ? <span style={{ color: "#888" }}>[{line.source}]</span> : null}
                <span style={{ flex: 1, whiteSpace: "pre-wrap", wordBreak: "break-all" }}>
                  {highlight(line.message, q)}
                </span>
                <Button
                  size="small"
                  type="text"
                  icon={<CopyOutlined />}
                  aria-label={t("logs.copyLine")}
                  onClick={() => void copyLine(line)}
                />
              </div>
            ))
          )}
        </div>
      )}
    </Space>
  );
}
