import { DownloadOutlined, SettingOutlined } from "@ant-design/icons";
import type { Page } from "@infera/client";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Checkbox, Input, Popover, Select, Skeleton, Space, Table, Typography } from "antd";
import type { SorterResult } from "antd/es/table/interface";
import { type Key, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { downloadText } from "../../lib/download";
import { EmptyState } from "../empty-state/empty-state";
import { errorMessage } from "../error-state/error-message";
import { ErrorState } from "../error-state/error-state";
import type { DataTableExportQuery, DataTableQuery } from "./data-table-query";

export interface DataTableColumn<T> {
  key: string;
  title: ReactNode;
  render?: (row: T) => ReactNode;
  /** Sort by this key on the server (`sort=key` / `sort=-key`). */
  sortable?: boolean;
  defaultHidden?: boolean;
  /** Columns like the row's actions stay visible. */
  alwaysVisible?: boolean;
  /** Kept in view while the table scrolls sideways; the "actions" column is pinned right by default. */
  fixed?: "left" | "right";
  width?: number | string;
}

export interface DataTableFilter {
  key: string;
  label: string;
  type: "select" | "text";
  options?: { value: string; label: ReactNode }[];
}

export interface BatchAction<T> {
  key: string;
  label: ReactNode;
  danger?: boolean;
  onRun: (rows: T[]) => Promise<unknown> | unknown;
}

export interface DataTableProps<T> {
  /**
   * One page of the list: a typed client's `list` (see `pageQuery`). Whatever it closes over (a
   * project id, a fixed filter) belongs in `queryKey` too.
   */
  list: (query: DataTableQuery) => Promise<Page<T>>;
  queryKey: readonly unknown[];
  columns: DataTableColumn<T>[];
  rowKey: (row: T) => string;
  filters?: DataTableFilter[];
  searchPlaceholder?: string;
  batchActions?: BatchAction<T>[];
  toolbar?: ReactNode;
  empty?: ReactNode;
  /** The whole current filter as CSV (a typed client's `exportCsv`); no export buttons without it. */
  exportCsv?: (query: DataTableExportQuery) => Promise<string>;
  /** The whole current filter as rows (a typed client's `exportJson`). */
  exportJson?: (query: DataTableExportQuery) => Promise<T[]>;
  /** The exported file's name without extension (the server's own: `projects`, `audit-events`…). */
  exportName?: string;
  pageSizes?: number[];
  ariaLabel: string;
  /** A click on a row (outside its links and buttons) opens it; the row's name stays a link for keyboards. */
  onRowClick?: (row: T) => void;
}

/** The server-paginated table every list page uses. */
export function DataTable<T extends object>(props: DataTableProps<T>) {
  const { list: listPage, queryKey, columns, rowKey, filters = [], searchPlaceholder } = props;
  const {
    batchActions = [],
    toolbar,
    empty,
    exportCsv,
    exportJson,
    exportName = "export",
    pageSizes = [20, 50, 100],
    ariaLabel,
    onRowClick,
  } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [limit, setLimit] = useState(pageSizes[0] ?? 20);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [sort, setSort] = useState<string | undefined>(undefined);
  const [q, setQ] = useState("");
  const [filterValues, setFilterValues] = useState<Record<string, string | undefined>>({});
  const [hidden, setHidden] = useState<Set<string>>(
    () => new Set(columns.filter((c) => c.defaultHidden).map((c) => c.key)),
  );
  const [selected, setSelected] = useState<Key[]>([]);
  const [running, setRunning] = useState<string | null>(null);
  const [exporting, setExporting] = useState<"csv" | "json" | null>(null);

  const cursor = cursors[cursors.length - 1];
  // What the list shows, without paging: also what an export contains.
  const shown: DataTableExportQuery = {
    filters: Object.fromEntries(
      Object.entries(filterValues).filter((e): e is [string, string] => Boolean(e[1])),
    ),
    q: q || undefined,
    sort,
  };
  const key = [...queryKey, "list", shown, limit, cursor ?? null];
  const list = useQuery({
    queryKey: key,
    queryFn: () => listPage({ ...shown, limit, cursor }),
    placeholderData: keepPreviousData,
  });

  const restart = () => {
    setCursors([undefined]);
    setSelected([]);
  };
  const setFilter = (k: string, v: string | undefined) => {
    setFilterValues((f) => ({ ...f, [k]: v || undefined }));
    restart();
  };
  const anyFilter = Boolean(q) || Object.values(filterValues).some(Boolean);
  const rows = list.data?.data ?? [];
  const nextCursor = list.data?.next_cursor ?? null;
  const selectedRows = rows.filter((r) => selected.includes(rowKey(r)));

  const antColumns = columns
    .filter((c) => !hidden.has(c.key))
    .map((c) => ({
      key: c.key,
      dataIndex: c.key,
      title: c.title,
      width: c.width,
      fixed: c.fixed ?? (c.key === "actions" ? ("right" as const) : undefined),
      sorter: c.sortable ? true : undefined,
      sortOrder: c.sortable
        ? sort === c.key
          ? ("ascend" as const)
          : sort === `-${c.key}`
            ? ("descend" as const)
            : null
        : undefined,
      render: c.render ? (_: unknown, row: T) => c.render?.(row) : undefined,
    }));

  const columnPicker = (
    <Space orientation="vertical">
      {columns
        .filter((c) => !c.alwaysVisible)
        .map((c) => (
          <Checkbox
            key={c.key}
            checked={!hidden.has(c.key)}
            onChange={(e) =>
              setHidden((h) => {
                const next = new Set(h);
                if (e.target.checked) next.delete(c.key);
                else next.add(c.key);
                return next;
              })
            }
          >
            {c.title}
          </Checkbox>
        ))}
    </Space>
  );

  const runExport = async (format: "csv" | "json") => {
    if (exporting) return;
    setExporting(format);
    try {
      if (format === "csv" && exportCsv) {
        downloadText(`${exportName}.csv`, await exportCsv(shown), "text/csv");
      } else if (format === "json" && exportJson) {
        // The same document the API's `?format=json` export answers.
        const rows = await exportJson(shown);
        downloadText(
          `${exportName}.json`,
          JSON.stringify({ data: rows, next_cursor: null }),
          "application/json",
        );
      }
    } catch (e) {
      void message.error(errorMessage(e, t));
    } finally {
      setExporting(null);
    }
  };
  const runBatch = async (action: BatchAction<T>) => {
    if (running) return;
    setRunning(action.key);
    try {
      await action.onRun(selectedRows);
      setSelected([]);
      await queryClient.invalidateQueries({ queryKey: [...queryKey] });
    } finally {
      setRunning(null);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Space wrap style={{ width: "100%", justifyContent: "space-between" }}>
        <Space wrap>
          <Input.Search
            allowClear
            aria-label={t("table.search")}
            placeholder={searchPlaceholder ?? t("table.search")}
            onSearch={(v) => {
              setQ(v.trim());
              restart();
            }}
            style={{ width: 240 }}
          />
          {filters.map((f) =>
            f.type === "select" ? (
              <Select
                key={f.key}
                allowClear
                aria-label={f.label}
                placeholder={f.label}
                value={filterValues[f.key]}
                onChange={(v) => setFilter(f.key, v)}
                options={f.options}
                style={{ minWidth: 140 }}
              />
            ) : (
              <Input
                key={f.key}
                allowClear
                aria-label={f.label}
                placeholder={f.label}
                onPressEnter={(e) => setFilter(f.key, (e.target as HTMLInputElement).value.trim())}
                onChange={(e) => {
                  if (!e.target.value) setFilter(f.key, undefined);
                }}
                style={{ width: 180 }}
              />
            ),
          )}
        </Space>
        <Space wrap>
          {toolbar}
          <Popover trigger="click" content={columnPicker} title={t("table.columns")}>
            <Button icon={<SettingOutlined />}>{t("table.columns")}</Button>
          </Popover>
          {exportCsv || exportJson ? (
            <Space.Compact>
              {exportCsv ? (
                <Button
                  icon={<DownloadOutlined />}
                  loading={exporting === "csv"}
                  onClick={() => void runExport("csv")}
                >
                  {t("table.exportCsv")}
                </Button>
              ) : null}
              {exportJson ? (
                <Button loading={exporting === "json"} onClick={() => void runExport("json")}>
                  {t("table.exportJson")}
                </Button>
              ) : null}
            </Space.Compact>
          ) : null}
        </Space>
      </Space>

      {selected.length > 0 && batchActions.length > 0 ? (
        <Space
          role="toolbar"
          aria-label={t("table.batchActions")}
          wrap
          style={{ padding: "4px 8px", background: "#e6f4ff" }}
        >
          <span>{t("table.selected", { count: selected.length })}</span>
          {batchActions.map((a) => (
            <Button
              key={a.key}
              size="small"
              danger={a.danger}
              loading={running === a.key}
              disabled={running !== null && running !== a.key}
              onClick={() => void runBatch(a)}
            >
              {a.label}
            </Button>
          ))}
          <Button size="small" type="link" onClick={() => setSelected([])}>
            {t("table.clearSelection")}
          </Button>
        </Space>
      ) : null}

      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isPending ? (
        <div role="status" aria-busy="true" aria-label={t("common.loading")}>
          <Skeleton active title={false} paragraph={{ rows: 6 }} />
        </div>
      ) : list.isError ? null : rows.length === 0 && cursors.length === 1 ? (
        anyFilter ? (
          <EmptyState
            title={t("table.noMatches")}
            actions={
              <Button
                onClick={() => {
                  setQ("");
                  setFilterValues({});
                  restart();
                }}
              >
                {t("table.clearFilters")}
              </Button>
            }
          />
        ) : (
          (empty ?? <EmptyState title={t("table.empty")} />)
        )
      ) : (
        <Table<T>
          aria-label={ariaLabel}
          size="middle"
          rowKey={rowKey}
          dataSource={rows}
          columns={antColumns}
          pagination={false}
          loading={list.isFetching && !list.isPending}
          scroll={{ x: "max-content" }}
          onRow={
            onRowClick
              ? (row) => ({
                  style: { cursor: "pointer" },
                  onClick: (e) => {
                    // Links, buttons and checkboxes in the row do their own thing.
                    if ((e.target as HTMLElement).closest("a, button, input, label, .ant-dropdown")) return;
                    onRowClick(row);
                  },
                })
              : undefined
          }
          rowSelection={
            batchActions.length > 0
              ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys) }
              : undefined
          }
          onChange={(_p, _f, sorter) => {
            const s = sorter as SorterResult<T>;
            const field = typeof s.columnKey === "string" ? s.columnKey : undefined;
            setSort(field && s.order ? (s.order === "descend" ? `-${field}` : field) : undefined);
            restart();
          }}
        />
      )}

      <Space style={{ width: "100%", justifyContent: "flex-end" }} wrap>
        <Typography.Text type="secondary">{t("table.page", { page: cursors.length })}</Typography.Text>
        <Button
          disabled={cursors.length <= 1 || list.isFetching}
          onClick={() => {
            setCursors((c) => c.slice(0, -1));
            setSelected([]);
          }}
        >
          {t("table.previous")}
        </Button>
        <Button
          disabled={!nextCursor || list.isFetching}
          onClick={() => {
            if (nextCursor) setCursors((c) => [...c, nextCursor]);
            setSelected([]);
          }}
        >
          {t("table.next")}
        </Button>
        <Select
          aria-label={t("table.pageSize")}
          value={limit}
          onChange={(v) => {
            setLimit(v);
            restart();
          }}
          options={pageSizes.map((n) => ({ value: n, label: t("table.perPage", { count: n }) }))}
        />
      </Space>
    </Space>
  );
}
