import type { EvaluationRun } from "@infera/contracts";
import { Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type evalPaths, targetHref } from "../api";

/** The run's targets by their labels, each linking to its model version or service. */
export function TargetLinks({
  run,
  paths,
}: {
  run: Pick<EvaluationRun, "targets">;
  paths: ReturnType<typeof evalPaths>;
}) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={0}>
      {run.targets.map((target) => {
        const href = targetHref(paths, target);
        return (
          <span key={target.key} data-target={target.key}>
            <Typography.Text type="secondary">{t(`evaluationPage.role.${target.role}`)}: </Typography.Text>
            {href ? <Link to={href}>{target.label}</Link> : target.label}
          </span>
        );
      })}
    </Space>
  );
}
