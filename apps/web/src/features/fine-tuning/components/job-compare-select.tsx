import type { FineTuneJobDetail } from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import { Select } from "antd";
import { useTranslation } from "react-i18next";
import { api } from "../../../lib/client";
import { jobKeys, jobLabel } from "../api";

/** How many of the project's newest jobs the compare list offers (typing filters them). */
const COMPARE_CHOICES = 100;

/** Picks another job of the same project whose loss the Metrics tab draws beside this one's. */
export function JobCompareSelect({
  job,
  value,
  onChange,
}: {
  job: FineTuneJobDetail;
  value: string | undefined;
  /** The chosen job's id and name, or undefined when cleared. */
  onChange(choice: { id: string; name: string } | undefined): void;
}) {
  const { t } = useTranslation();
  const jobs = useQuery({
    queryKey: [...jobKeys.list(job.project_id), "compare"],
    queryFn: () => api.fineTuning.jobs.list(job.project_id, { limit: COMPARE_CHOICES }),
  });
  const others = (jobs.data?.data ?? []).filter((j) => j.id !== job.id);
  const options = others.map((j) => ({
    value: j.id,
    label: `${jobLabel(j)} · ${t(`status.fine_tuning_status.${j.status}`)}`,
  }));
  return (
    <Select
      aria-label={t("fineTuningPage.runData.metrics.compare")}
      placeholder={t("fineTuningPage.runData.metrics.comparePlaceholder")}
      allowClear
      showSearch={{ optionFilterProp: "label" }}
      loading={jobs.isPending}
      value={value}
      onChange={(id?: string) => {
        const chosen = others.find((j) => j.id === id);
        onChange(chosen ? { id: chosen.id, name: jobLabel(chosen) } : undefined);
      }}
      options={options}
      style={{ width: "100%" }}
    />
  );
}
