import type { WinRate } from "@infera/contracts";
import { Card, Skeleton, Space, Statistic, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../../components/error-state/error-state";
import { useWinRate } from "../compare/sbs-queries";

const percent = (v: number | null, lang: string) =>
  v === null ? "—" : new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 1 }).format(v);

/** Win rate of A over B across every rater (ties count half), with its bootstrap interval. */
export function SbsWinRatePanel({ runId, extra }: { runId: string; extra?: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const winRate = useWinRate(runId, true);
  const title = t("evaluationSbs.winRate.title");
  return (
    <Card size="small" title={title} role="region" aria-label={title} extra={extra}>
      {winRate.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : winRate.isError ? (
        <ErrorState error={winRate.error} onRetry={() => void winRate.refetch()} />
      ) : (
        <WinRateFigures w={winRate.data} lang={i18n.language} />
      )}
    </Card>
  );
}

function WinRateFigures({ w, lang }: { w: WinRate; lang: string }) {
  const { t } = useTranslation();
  if (w.ratings === 0 || w.win_rate_a === null) {
    return <Typography.Text type="secondary">{t("evaluationSbs.winRate.none")}</Typography.Text>;
  }
  return (
    <Space orientation="vertical" size={4} data-win-rate>
      <Statistic title={t("evaluationSbs.winRate.rate")} value={percent(w.win_rate_a, lang)} />
      {w.ci_low !== null && w.ci_high !== null ? (
        <Typography.Text>
          {t("evaluationSbs.winRate.interval", {
            low: percent(w.ci_low, lang),
            high: percent(w.ci_high, lang),
          })}
        </Typography.Text>
      ) : null}
      <Typography.Text>
        {t("evaluationSbs.winRate.wins", { a: w.a_wins, b: w.b_wins, ties: w.ties })}
      </Typography.Text>
      <Typography.Text type="secondary">
        {t("evaluationSbs.winRate.raters", { ratings: w.ratings, raters: w.raters })}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("evaluationSbs.winRate.tiesHalf")}
      </Typography.Text>
    </Space>
  );
}
