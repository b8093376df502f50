import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Select, Space, Typography } from "antd";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { ALL_FIELDS, type MappingRow, SHAPE_FIELDS } from "../shape-fields";
import type { DatasetShape } from "../types";

/**
 * The column mapping as lines of "target field ← source column": the targets are the fields of the
 * chosen shape (all shapes' fields before one is chosen), the sources the columns found in the
 * files. A target or a source already used on another line is not offered again.
 */
export function MappingEditor({
  rows,
  onChange,
  columns,
  shape,
}: {
  rows: MappingRow[];
  onChange: (rows: MappingRow[]) => void;
  columns: readonly string[];
  shape: DatasetShape | null;
}) {
  const { t } = useTranslation();
  const uid = useId();
  const fields = shape ? SHAPE_FIELDS[shape] : ALL_FIELDS;
  const set = (i: number, patch: Partial<MappingRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const options = (
    all: readonly string[],
    current: string | null,
    taken: (r: MappingRow) => string | null,
  ) => {
    const used = new Set(rows.map(taken).filter((v) => v !== null && v !== current));
    // A value from a saved mapping that the files or the shape do not list stays visible.
    const values = current && !all.includes(current) ? [current, ...all] : all;
    return values.filter((v) => !used.has(v)).map((v) => ({ value: v, label: v }));
  };
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      {rows.length === 0 ? (
        <Typography.Text type="secondary">{t("datasetsPage.formats.noMapping")}</Typography.Text>
      ) : null}
      {rows.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity but their place while edited
        <Space key={i} wrap data-testid="mapping-row">
          <Select
            id={`${uid}-target-${i}`}
            aria-label={t("datasetsPage.formats.targetOf", { n: i + 1 })}
            placeholder={t("datasetsPage.formats.target")}
            style={{ minWidth: 180 }}
            showSearch
            // A few dozen options at most: rendered whole, not windowed.
            virtual={false}
            value={r.target}
            onChange={(v: string) => set(i, { target: v })}
            options={options(fields, r.target, (x) => x.target)}
          />
          <span aria-hidden>←</span>
          <Select
            id={`${uid}-source-${i}`}
            aria-label={t("datasetsPage.formats.sourceOf", { n: i + 1 })}
            placeholder={t("datasetsPage.formats.source")}
            style={{ minWidth: 180 }}
            showSearch
            virtual={false}
            value={r.source}
            onChange={(v: string) => set(i, { source: v })}
            options={options(columns, r.source, (x) => x.source)}
          />
          <Button
            type="text"
            icon={<DeleteOutlined />}
            aria-label={t("datasetsPage.formats.remove", { n: i + 1 })}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          />
        </Space>
      ))}
      <Button
        icon={<PlusOutlined />}
        onClick={() => onChange([...rows, { target: null, source: null }])}
        disabled={columns.length === 0 || rows.length >= 64}
      >
        {t("datasetsPage.formats.add")}
      </Button>
    </Space>
  );
}
