import { LeftOutlined, RightOutlined, StepForwardOutlined } from "@ant-design/icons";
import type { EvaluationRun, EvaluationSample, RateSampleInput, SampleRating } from "@infera/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Progress,
  Row,
  Skeleton,
  Space,
  Switch,
  Typography,
} from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { EmptyState } from "../../../components/empty-state/empty-state";
import { ErrorState } from "../../../components/error-state/error-state";
import { InlineError } from "../../../components/error-state/inline-error";
import { api } from "../../../lib/client";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { usePermissions } from "../../../permissions/use-permissions";
import { useMe } from "../../../shared/session";
import { type SbsPrompt, sbsKeys, useAllRatings, useRatingsAt, useSbsPrompts } from "../compare/sbs-queries";
import { wordDiff } from "../compare/word-diff";
import { SbsExportDialog } from "./sbs-export-dialog";
import { SbsOutputColumn } from "./sbs-output-column";
import { SbsRatingForm } from "./sbs-rating-form";
import { SbsWinRatePanel } from "./sbs-win-rate-panel";

const GENERATING = new Set(["queued", "running", "canceling"]);

/** Keys typed into a field are text, not shortcuts. */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el?.tagName) return false;
  return ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName) || el.isContentEditable;
}

/**
 * The caller's rating of a prompt, saved optimistically: the lists show it at once, go back to what
 * they were when the server refuses it, and the win rate is read again once it is saved.
 */
function useRate(runId: string, myId: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RateSampleInput) => api.evaluations.rate(runId, input),
    onMutate: async (input) => {
      await qc.cancelQueries({ queryKey: sbsKeys.ratings(runId) });
      const allKey = sbsKeys.ratings(runId);
      const atKey = sbsKeys.ratingsAt(runId, input.index);
      const before = {
        all: qc.getQueryData<SampleRating[]>(allKey),
        at: qc.getQueryData<SampleRating[]>(atKey),
      };
      if (myId) {
        const optimistic: SampleRating = {
          ...input,
          rater_id: myId,
          rater_label: null,
          updated_at: new Date().toISOString(),
        };
        const put = (list: SampleRating[] | undefined) =>
          list && [...list.filter((r) => !(r.index === input.index && r.rater_id === myId)), optimistic];
        qc.setQueryData(allKey, put);
        qc.setQueryData(atKey, put);
      }
      return before;
    },
    onError: (_e, input, before) => {
      qc.setQueryData(sbsKeys.ratings(runId), before?.all);
      qc.setQueryData(sbsKeys.ratingsAt(runId, input.index), before?.at);
    },
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: sbsKeys.ratings(runId) });
      void qc.invalidateQueries({ queryKey: sbsKeys.winRate(runId) });
    },
  });
}

/**
 * Side-by-Side (seed 000 §4.3.6): a side-by-side run's prompts one at a time — the prompt and its
 * reference with the generation parameters, the two targets' outputs with their word differences
 * highlighted, and the caller's 1–5 scores, winner and note — with the win rate of A over every
 * rater and the export of the ratings as a preference dataset. j/k move between prompts, u jumps to
 * the next one the caller has not rated. Read-only without `evaluation.rate`.
 */
export function SideBySideTab({ run }: { run: EvaluationRun }) {
  const { t } = useTranslation();
  if (GENERATING.has(run.status)) {
    const total = run.samples_total ?? 0;
    return (
      <EmptyState
        title={t("evaluationSbs.generating")}
        description={
          <Space orientation="vertical" style={{ minWidth: 240 }}>
            <span>
              {t("evaluationSbs.generatingHint", { done: run.samples_done, total: run.samples_total ?? "—" })}
            </span>
            <Progress
              percent={total > 0 ? Math.floor((run.samples_done / total) * 100) : 0}
              status="active"
              aria-label={t("evaluationSbs.generating")}
            />
          </Space>
        }
      />
    );
  }
  if (run.status === "failed") {
    return (
      <Space orientation="vertical" style={{ width: "100%" }}>
        <EmptyState title={t("evaluationSbs.failed")} />
        {run.error ? <Alert type="error" showIcon title={run.error} /> : null}
      </Space>
    );
  }
  return <SideBySideRating run={run} />;
}

function SideBySideRating({ run }: { run: EvaluationRun }) {
  const { t } = useTranslation();
  const { tenantId = "" } = useParams<{ tenantId: string }>();
  const me = useMe();
  const myId = me.data?.user?.id ?? me.data?.service_account?.id ?? null;
  const permissions = usePermissions(run.project_id);
  const decision = permissions.can("evaluation.rate");
  const readOnly = permissions.isLoading || !decision.allowed;
  const prompts = useSbsPrompts(run.id, true);
  const all = useAllRatings(run.id, true);
  const list = prompts.data ?? [];
  const [position, setPosition] = useState(0);
  const current: SbsPrompt | null = list[Math.min(position, list.length - 1)] ?? null;
  const at = useRatingsAt(run.id, current?.index ?? null);
  const rate = useRate(run.id, myId);
  const [highlight, setHighlight] = useState(true);
  const [exporting, setExporting] = useState(false);

  const ratedByMe = useMemo(
    () => new Set((all.data ?? []).filter((r) => r.rater_id === myId).map((r) => r.index)),
    [all.data, myId],
  );
  const nextUnrated = useCallback((): number | null => {
    for (let step = 1; step <= list.length; step++) {
      const p = (position + step) % list.length;
      const prompt = list[p];
      if (prompt && !ratedByMe.has(prompt.index)) return p;
    }
    return null;
  }, [list, position, ratedByMe]);

  const go = useCallback(
    (to: number | null) => {
      if (to === null || list.length === 0) return;
      setPosition(Math.max(0, Math.min(list.length - 1, to)));
    },
    [list.length],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      if (e.key === "j") go(position + 1);
      else if (e.key === "k") go(position - 1);
      else if (e.key === "u") go(nextUnrated());
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [go, position, nextUnrated]);

  const diff = useMemo(
    () =>
      current?.a?.output != null && current.b?.output != null
        ? wordDiff(current.a.output, current.b.output)
        : null,
    [current],
  );

  if (prompts.isPending) return <Skeleton active />;
  if (prompts.isError) return <ErrorState error={prompts.error} onRetry={() => void prompts.refetch()} />;
  if (!current) {
    return (
      <EmptyState
        title={t(run.status === "canceled" ? "evaluationSbs.canceled" : "evaluationSbs.noSamples")}
      />
    );
  }

  const labelOf = (key: "a" | "b") => run.targets.find((x) => x.key === key)?.label ?? key.toUpperCase();
  const atRatings = at.data ?? [];
  const mine = atRatings.find((r) => r.rater_id === myId) ?? null;
  const others = new Set(atRatings.filter((r) => r.rater_id !== myId).map((r) => r.rater_id)).size;
  const unrated = nextUnrated();
  const input = current.a?.input ?? current.b?.input ?? "";
  const reference = current.a?.reference ?? current.b?.reference ?? null;
  const gen = run.config.generation;
  const lastIndex = rate.variables?.index;
  const failedAt =
    rate.isError && lastIndex !== undefined ? list.findIndex((p) => p.index === lastIndex) : -1;

  return (
    <Row gutter={[16, 16]} data-sbs-index={current.index}>
      <Col xs={24} xl={18}>
        <Space orientation="vertical" style={{ width: "100%" }} size="middle">
          {!permissions.isLoading && !decision.allowed ? (
            <Alert
              type="info"
              showIcon
              title={decision.reason ?? t("evaluationSbs.readOnly")}
              data-locked-reason={decision.reason ?? t("evaluationSbs.readOnly")}
            />
          ) : null}
          <Space wrap size={12} style={{ justifyContent: "space-between", width: "100%" }}>
            <Space wrap>
              <Button
                icon={<LeftOutlined />}
                disabled={position === 0}
                onClick={() => go(position - 1)}
                aria-keyshortcuts="k"
              >
                {t("evaluationSbs.previous")}
              </Button>
              <Typography.Text strong aria-live="polite">
                {t("evaluationSbs.position", { current: position + 1, total: list.length })}
              </Typography.Text>
              <Button
                icon={<RightOutlined />}
                iconPlacement="end"
                disabled={position >= list.length - 1}
                onClick={() => go(position + 1)}
                aria-keyshortcuts="j"
              >
                {t("evaluationSbs.next")}
              </Button>
              <Button
                icon={<StepForwardOutlined />}
                disabled={unrated === null}
                onClick={() => go(unrated)}
                aria-keyshortcuts="u"
              >
                {unrated === null ? t("evaluationSbs.allRated") : t("evaluationSbs.nextUnrated")}
              </Button>
            </Space>
            <Space wrap>
              <Typography.Text type="secondary">
                {t("evaluationSbs.ratedByYou", {
                  rated: list.filter((p) => ratedByMe.has(p.index)).length,
                  total: list.length,
                })}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t("evaluationSbs.shortcuts")}
              </Typography.Text>
            </Space>
          </Space>
          <Card size="small" title={t("evaluationSbs.prompt")}>
            <PromptText input={input} />
            {reference !== null ? (
              <div style={{ marginTop: 12 }}>
                <Typography.Text type="secondary">{t("evaluationSbs.reference")}</Typography.Text>
                <div style={{ whiteSpace: "pre-wrap" }} data-reference>
                  {reference}
                </div>
              </div>
            ) : null}
            <Descriptions
              size="small"
              style={{ marginTop: 12 }}
              title={<Typography.Text type="secondary">{t("evaluationSbs.params")}</Typography.Text>}
              column={{ xs: 1, md: 3 }}
              items={[
                { key: "temperature", label: t("evaluationSbs.temperature"), children: gen.temperature },
                { key: "top_p", label: t("evaluationSbs.topP"), children: gen.top_p },
                { key: "max_tokens", label: t("evaluationSbs.maxTokens"), children: gen.max_tokens },
                ...(gen.system_prompt
                  ? [{ key: "system", label: t("evaluationSbs.systemPrompt"), children: gen.system_prompt }]
                  : []),
              ]}
            />
          </Card>
          <Space size={6}>
            <Switch id="sbs-highlight" size="small" checked={highlight} onChange={setHighlight} />
            <label htmlFor="sbs-highlight">{t("evaluationSbs.highlight")}</label>
          </Space>
          <Row gutter={[12, 12]}>
            {(["a", "b"] as const).map((side) => (
              <Col key={side} xs={24} md={12}>
                <SbsOutputColumn
                  side={side}
                  label={labelOf(side)}
                  sample={current[side]}
                  segments={highlight && diff ? diff[side] : null}
                />
              </Col>
            ))}
          </Row>
          {at.isPending ? (
            <Skeleton active paragraph={{ rows: 3 }} />
          ) : (
            <SbsRatingForm
              key={current.index}
              index={current.index}
              mine={mine}
              readOnly={readOnly}
              saving={rate.isPending && lastIndex === current.index}
              saved={rate.isSuccess && lastIndex === current.index}
              onSave={(body, thenNext) => {
                rate.mutate(body);
                if (thenNext) go(position + 1);
              }}
            />
          )}
          {rate.isError ? (
            <InlineError error={rate.error}>
              <div>{t("evaluationSbs.saveFailed", { number: failedAt + 1 })}</div>
            </InlineError>
          ) : null}
          <Typography.Text type="secondary">
            {t("evaluationSbs.otherRaters", { count: others })}
          </Typography.Text>
        </Space>
      </Col>
      <Col xs={24} xl={6}>
        <Space orientation="vertical" style={{ width: "100%" }}>
          <SbsWinRatePanel runId={run.id} />
          <PermissionGuard action="evaluation.export_preferences" projectId={run.project_id}>
            <Button onClick={() => setExporting(true)}>{t("evaluationSbs.export.open")}</Button>
          </PermissionGuard>
        </Space>
        <SbsExportDialog run={run} tenantId={tenantId} open={exporting} onClose={() => setExporting(false)} />
      </Col>
    </Row>
  );
}

/** A plain prompt as it is; chat messages one per line with their role. */
function PromptText({ input }: { input: EvaluationSample["input"] }) {
  const { t } = useTranslation();
  if (typeof input === "string") {
    return (
      <div style={{ whiteSpace: "pre-wrap" }} data-prompt>
        {input}
      </div>
    );
  }
  return (
    <Space orientation="vertical" style={{ width: "100%" }} data-prompt>
      {input.map((m, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: messages are positional
        <div key={i} style={{ whiteSpace: "pre-wrap" }}>
          <Typography.Text strong>
            {m.role === "system"
              ? t("evaluationSbs.system")
              : m.role === "user"
                ? t("evaluationSbs.prompt")
                : m.role}
            {": "}
          </Typography.Text>
          {m.content}
        </div>
      ))}
    </Space>
  );
}
