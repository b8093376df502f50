import { Segmented, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { DatasetSchema } from "../types";

/** JSON shown whole and wrapped: no inner scroll box (a scrolling region would need keyboard focus). */
export const jsonStyle = {
  background: "#f5f5f5",
  padding: 8,
  margin: 0,
  fontSize: 12,
  whiteSpace: "pre-wrap",
  wordBreak: "break-word",
} as const;

/** The inferred schema: field paths, JSON types and presence, or the same as JSON. */
export function SchemaCard({ schema }: { schema: DatasetSchema }) {
  const { t } = useTranslation();
  const [view, setView] = useState<"table" | "json">("table");
  return (
    <section aria-label={t("datasetsPage.schema.title")}>
      <Segmented
        size="small"
        value={view}
        onChange={(v) => setView(v as "table" | "json")}
        options={[
          { value: "table", label: t("datasetsPage.schema.fields") },
          { value: "json", label: "JSON" },
        ]}
        style={{ marginBottom: 8 }}
      />
      {view === "json" ? (
        <pre data-testid="schema-json" style={jsonStyle}>
          {JSON.stringify(schema, null, 2)}
        </pre>
      ) : (
        <Table
          size="small"
          aria-label={t("datasetsPage.schema.fields")}
          rowKey="path"
          pagination={schema.fields.length > 50 ? { pageSize: 50 } : false}
          dataSource={schema.fields}
          columns={[
            {
              key: "path",
              title: t("datasetsPage.schema.path"),
              render: (_, f) => <Typography.Text code>{f.path}</Typography.Text>,
            },
            {
              key: "types",
              title: t("datasetsPage.schema.types"),
              render: (_, f) => f.types.map((ty) => <Tag key={ty}>{ty}</Tag>),
            },
            {
              key: "presence",
              title: t("datasetsPage.schema.presence"),
              render: (_, f) => `${(f.presence * 100).toFixed(f.presence === 1 ? 0 : 1)}%`,
            },
          ]}
        />
      )}
      {schema.truncated ? (
        <Typography.Text type="secondary">{t("datasetsPage.schema.truncated")}</Typography.Text>
      ) : null}
    </section>
  );
}
