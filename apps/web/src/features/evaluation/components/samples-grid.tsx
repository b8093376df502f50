import type { EvaluationSample } from "@infera/contracts";
import { useVirtualizer } from "@tanstack/react-virtual";
import { Spin, Typography } from "antd";
import { memo, type ReactNode, useCallback, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { SampleDetail } from "./sample-detail";

/** A column of the samples grid: a header, a CSS grid track (`70px`, `minmax(0, 1fr)`), a cell. */
export interface SampleColumn {
  key: string;
  title: string;
  track: string;
  render: (s: EvaluationSample) => ReactNode;
}

/** The scrolling height: only the rows in view (and a few around) are in the page. */
export const GRID_HEIGHT = 520;
/** A collapsed row's height; an expanded row is measured. */
const ROW_HEIGHT = 39;
const EXPAND_TRACK = "40px";

export const sampleKey = (s: EvaluationSample) => `${s.target}:${s.index}`;

/**
 * The samples as a table whose rows are virtual: ~20 plain rows in the page, each a CSS grid line
 * placed at its offset, the header sticky in the same scroller. It replaced Ant Design's virtual Table here because a filter change re-mounts every visible
 * row, and antd's measures each row's height and syncs its scroll on mount — 35–47 ms after the
 * answer on the report bench (docs/benchmarks.md); fixed-height rows need no measuring until one
 * is expanded.
 */
export const SamplesGrid = memo(function SamplesGrid({
  rows,
  columns,
  loading,
  emptyText,
  label,
  onNearEnd,
}: {
  rows: EvaluationSample[];
  columns: SampleColumn[];
  loading: boolean;
  emptyText: string;
  label: string;
  onNearEnd: () => void;
}) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => (rows[i] ? sampleKey(rows[i]) : i),
    overscan: 8,
    // The scroller's height is fixed (GRID_HEIGHT): no need to wait for layout to know what is in
    // view (and a page without layout, as in tests, still shows its first screenful).
    initialRect: { width: 0, height: GRID_HEIGHT },
    observeElementRect: (_instance, cb) => {
      cb({ width: scrollRef.current?.clientWidth ?? 0, height: GRID_HEIGHT });
      return undefined;
    },
  });
  const toggle = useCallback(
    (key: string, index: number) => {
      // A collapsed row is no longer measured: give it back its fixed height.
      if (expanded.has(key)) virtualizer.resizeItem(index, ROW_HEIGHT);
      setExpanded((prev) => {
        const next = new Set(prev);
        if (!next.delete(key)) next.add(key);
        return next;
      });
    },
    [expanded, virtualizer],
  );
  const template = `${EXPAND_TRACK} ${columns.map((c) => c.track).join(" ")}`;

  if (loading)
    return (
      <div className="infera-samples-empty">
        <Spin />
      </div>
    );
  return (
    <div
      ref={scrollRef}
      className="infera-samples"
      style={{ maxHeight: GRID_HEIGHT }}
      onScroll={(e) => {
        const el = e.currentTarget;
        // Near the end of what is loaded: fetch the next page, so scrolling goes on through the whole run.
        if (el.scrollHeight - el.scrollTop - el.clientHeight < GRID_HEIGHT) onNearEnd();
      }}
    >
      <table aria-label={label} aria-rowcount={rows.length + 1} className="infera-samples-table">
        <thead className="infera-samples-head">
          <tr aria-rowindex={1} style={{ gridTemplateColumns: template }}>
            <th>
              <span className="infera-visually-hidden-text">{t("evaluationPage.samples.details")}</span>
            </th>
            {columns.map((c) => (
              <th key={c.key} className="infera-samples-cell">
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody style={{ height: virtualizer.getTotalSize() }} className="infera-samples-body">
          {virtualizer.getVirtualItems().map((item) => {
            const sample = rows[item.index]!;
            const key = sampleKey(sample);
            const open = expanded.has(key);
            return (
              <tr
                key={key}
                aria-rowindex={item.index + 2}
                data-row-key={key}
                data-index={item.index}
                ref={open ? virtualizer.measureElement : undefined}
                className="infera-samples-row"
                style={{ transform: `translateY(${item.start}px)`, gridTemplateColumns: template }}
              >
                <td>
                  <button
                    type="button"
                    className="infera-samples-expand"
                    aria-expanded={open}
                    aria-label={t(
                      open ? "evaluationPage.samples.collapseRow" : "evaluationPage.samples.expandRow",
                      { index: sample.index },
                    )}
                    onClick={() => toggle(key, item.index)}
                  >
                    {open ? "−" : "+"}
                  </button>
                </td>
                {columns.map((c) => (
                  <td key={c.key} className="infera-samples-cell">
                    {c.render(sample)}
                  </td>
                ))}
                {open ? (
                  <td className="infera-samples-detail">
                    <SampleDetail sample={sample} />
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length === 0 ? (
        <div className="infera-samples-empty">
          <Typography.Text>{emptyText}</Typography.Text>
        </div>
      ) : null}
    </div>
  );
});
