import { Collapse, Space, Switch, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { type DiffEntry, jsonDiff } from "./json-diff";

const rowStyle: Record<DiffEntry["kind"], React.CSSProperties> = {
  added: { background: "#f6ffed" },
  removed: { background: "#fff1f0" },
  changed: { background: "#fffbe6" },
  unchanged: {},
};

function show(value: unknown): string {
  if (value === undefined) return "";
  return typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value, null, 0);
}

/** Before/after JSON of an audit event or a revision, with every changed leaf highlighted. */
export function DiffViewer({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const [showUnchanged, setShowUnchanged] = useState(false);
  const entries = useMemo(() => jsonDiff(before, after), [before, after]);
  const counts = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  for (const e of entries) counts[e.kind]++;
  const visible = showUnchanged ? entries : entries.filter((e) => e.kind !== "unchanged");
  const kindLabel = (k: DiffEntry["kind"]) => t(`diff.${k}`);

  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Space wrap>
        {/* The preset green and gold text is below 4.5:1 on its own tint; darker shades of the same hue. */}
        <Tag color="green" style={{ color: "#135200" }}>
          {t("diff.countAdded", { count: counts.added })}
        </Tag>
        <Tag color="red">{t("diff.countRemoved", { count: counts.removed })}</Tag>
        <Tag color="gold" style={{ color: "#613400" }}>
          {t("diff.countChanged", { count: counts.changed })}
        </Tag>
        <Space size={4}>
          <Switch
            size="small"
            checked={showUnchanged}
            onChange={setShowUnchanged}
            aria-label={t("diff.showUnchanged")}
          />
          <span>{t("diff.showUnchanged")}</span>
        </Space>
      </Space>
      {visible.length === 0 ? (
        <Typography.Text type="secondary">{t("diff.noChanges")}</Typography.Text>
      ) : (
        <table
          className="infera-diff"
          style={{ width: "100%", borderCollapse: "collapse", fontFamily: "monospace" }}
        >
          <thead>
            <tr>
              <th style={{ textAlign: "left" }}>{t("diff.field")}</th>
              <th style={{ textAlign: "left" }}>{t("diff.before")}</th>
              <th style={{ textAlign: "left" }}>{t("diff.after")}</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((e) => (
              <tr
                key={`${e.path}:${e.kind}`}
                data-kind={e.kind}
                style={rowStyle[e.kind]}
                aria-label={`${kindLabel(e.kind)} ${e.path}`}
              >
                <td style={{ padding: "2px 8px", verticalAlign: "top" }}>
                  <span title={kindLabel(e.kind)}>
                    {e.kind === "added"
                      ? "+ "
                      : e.kind === "removed"
                        ? "− "
                        : e.kind === "changed"
                          ? "~ "
                          : "  "}
                  </span>
                  {e.path}
                </td>
                <td
                  style={{
                    padding: "2px 8px",
                    wordBreak: "break-all",
                    textDecoration: e.kind === "removed" || e.kind === "changed" ? "line-through" : undefined,
                  }}
                >
                  {show(e.before)}
                </td>
                <td style={{ padding: "2px 8px", wordBreak: "break-all" }}>{show(e.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Collapse
        size="small"
        items={[
          {
            key: "before",
            label: t("diff.beforeJson"),
            children: <pre style={{ margin: 0 }}>{JSON.stringify(before ?? null, null, 2)}</pre>,
          },
          {
            key: "after",
            label: t("diff.afterJson"),
            children: <pre style={{ margin: 0 }}>{JSON.stringify(after ?? null, null, 2)}</pre>,
          },
        ]}
      />
    </Space>
  );
}
