import type { UsageGroupBy, UsageQuery } from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import { Select } from "antd";
import { useState } from "react";
import { api } from "../../../lib/client";
import { usageKeys } from "../api";
import type { IdFilter } from "../usage-view";

const DIMENSION: Record<IdFilter, UsageGroupBy> = {
  service_id: "service",
  revision_id: "revision",
  api_key_id: "api_key",
  model_version_id: "model_version",
};

/**
 * A filter on services, revisions, keys or model versions: its options are the groups of that
 * dimension that had calls in the view's range (the report grouped by it, loaded when the list is
 * opened or a value is set), so every option leads somewhere and reads with the server's label.
 */
export function FacetSelect({
  projectId,
  filter,
  query,
  value,
  onChange,
  label,
  placeholder,
}: {
  projectId: string;
  filter: IdFilter;
  /** The view's query; this filter's own value is left out of the options' query. */
  query: Omit<UsageQuery, "format">;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  label: string;
  placeholder: string;
}) {
  const [opened, setOpened] = useState(false);
  const groupBy = DIMENSION[filter];
  const facetQuery = { ...query, [filter]: undefined, group_by: groupBy };
  const facet = useQuery({
    queryKey: usageKeys.facet(projectId, groupBy, facetQuery),
    queryFn: () => api.usage.getUsage(projectId, facetQuery),
    enabled: opened || Boolean(value),
    staleTime: 60_000,
  });
  const options = (facet.data?.groups ?? [])
    .filter((g): g is typeof g & { group: string } => g.group !== null)
    .map((g) => ({ value: g.group, label: g.label }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: value });
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: "label" }}
      aria-label={label}
      placeholder={placeholder}
      style={{ minWidth: 180 }}
      value={value}
      loading={facet.isFetching}
      onOpenChange={(open) => open && setOpened(true)}
      onChange={(v: string | undefined) => onChange(v || undefined)}
      options={options}
    />
  );
}
