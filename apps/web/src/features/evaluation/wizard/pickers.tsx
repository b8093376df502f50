import type { EvaluationBenchmark } from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import { Select } from "antd";
import { api } from "../../../lib/client";

/** How many of the project's newest items a picker offers (typing filters them). */
const CHOICES = 100;

type PickerProps = {
  value?: string;
  onChange?: (v: string | undefined) => void;
  id?: string;
  "aria-label"?: string;
  placeholder?: string;
};

function Picker({
  options,
  loading,
  ...props
}: PickerProps & { options: { value: string; label: string }[]; loading: boolean }) {
  // A prefilled id the list does not hold still shows (as its id).
  const all =
    props.value && !options.some((o) => o.value === props.value)
      ? [{ value: props.value, label: props.value }, ...options]
      : options;
  return (
    <Select
      {...props}
      allowClear
      showSearch={{ optionFilterProp: "label" }}
      loading={loading}
      options={all}
      style={{ width: "100%" }}
    />
  );
}

export function ModelPicker({ projectId, ...props }: PickerProps & { projectId: string }) {
  const q = useQuery({
    queryKey: ["models", "list", projectId, "picker"],
    queryFn: () => api.models.list(projectId, { limit: CHOICES }),
  });
  return (
    <Picker
      {...props}
      loading={q.isPending}
      options={(q.data?.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
    />
  );
}

export function ServicePicker({ projectId, ...props }: PickerProps & { projectId: string }) {
  const q = useQuery({
    queryKey: ["services", "list", projectId, "picker"],
    queryFn: () => api.services.list(projectId, { limit: CHOICES }),
  });
  return (
    <Picker
      {...props}
      loading={q.isPending}
      options={(q.data?.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
    />
  );
}

export function RevisionPicker({ serviceId, ...props }: PickerProps & { serviceId: string | undefined }) {
  const q = useQuery({
    queryKey: ["services", "revisions", serviceId, "picker"],
    queryFn: () => api.services.revisions.list(serviceId ?? "", { limit: CHOICES }),
    enabled: Boolean(serviceId),
  });
  return (
    <Picker
      {...props}
      loading={Boolean(serviceId) && q.isPending}
      options={(q.data?.data ?? []).map((r) => ({ value: r.id, label: `r${r.number} · ${r.id}` }))}
    />
  );
}

export function DatasetPicker({ projectId, ...props }: PickerProps & { projectId: string }) {
  const q = useQuery({
    queryKey: ["datasets", "list", projectId, "picker"],
    queryFn: () => api.datasets.list(projectId, { limit: CHOICES }),
  });
  return (
    <Picker
      {...props}
      loading={q.isPending}
      options={(q.data?.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
    />
  );
}

export function DatasetVersionPicker({
  datasetId,
  ...props
}: PickerProps & { datasetId: string | undefined }) {
  const q = useQuery({
    queryKey: ["datasets", "versions", datasetId, "picker"],
    queryFn: () => api.datasets.versions.list(datasetId ?? "", { limit: CHOICES }),
    enabled: Boolean(datasetId),
  });
  return (
    <Picker
      {...props}
      loading={Boolean(datasetId) && q.isPending}
      options={(q.data?.data ?? []).map((v) => ({ value: v.id, label: `v${v.number} · ${v.id}` }))}
    />
  );
}

/** The project's benchmarks; `onPicked` hands over the whole benchmark (the wizard fills its defaults in). */
export function BenchmarkPicker({
  projectId,
  onPicked,
  ...props
}: PickerProps & { projectId: string; onPicked?: (b: EvaluationBenchmark | undefined) => void }) {
  const q = useQuery({
    queryKey: ["evaluation", "benchmarks", projectId, "picker"],
    queryFn: () => api.evaluations.benchmarks.list(projectId, { limit: CHOICES }),
  });
  return (
    <Picker
      {...props}
      onChange={(v) => {
        props.onChange?.(v);
        onPicked?.(q.data?.data.find((b) => b.id === v));
      }}
      loading={q.isPending}
      options={(q.data?.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
    />
  );
}
