import { apiKeysZhCN } from "./api-keys.zh-CN";
import { coreZhCN } from "./core.zh-CN";
import { datasetsZhCN } from "./datasets.zh-CN";
import { evaluationZhCN } from "./evaluation.zh-CN";
import { evaluationBenchmarksZhCN } from "./evaluation-benchmarks.zh-CN";
import { evaluationGateRulesZhCN } from "./evaluation-gate-rules.zh-CN";
import { evaluationSbsZhCN } from "./evaluation-sbs.zh-CN";
import { fineTuningZhCN } from "./fine-tuning.zh-CN";
import { modelsZhCN } from "./models.zh-CN";
import { playgroundZhCN } from "./playground.zh-CN";
import { pricesZhCN } from "./prices.zh-CN";
import { serviceDetailZhCN } from "./service-detail.zh-CN";
import { serviceLogsZhCN } from "./service-logs.zh-CN";
import { serviceMetricsZhCN } from "./service-metrics.zh-CN";
import { serviceWizardZhCN } from "./service-wizard.zh-CN";
import { servicesPageZhCN } from "./services-page.zh-CN";
import { usageZhCN } from "./usage.zh-CN";
import { webhooksZhCN } from "./webhooks.zh-CN";

/**
 * The whole source dictionary: the core and every feature's namespace. The app never loads it at
 * once (see ../feature-messages.ts); it gives the keys their types and the tests every message.
 */
export const zhCN = {
  ...coreZhCN,
  modelsPage: modelsZhCN,
  datasetsPage: datasetsZhCN,
  fineTuningPage: fineTuningZhCN,
  serviceDetail: serviceDetailZhCN,
  servicesPage: servicesPageZhCN,
  apiKeys: apiKeysZhCN,
  serviceWizard: serviceWizardZhCN,
  serviceMetrics: serviceMetricsZhCN,
  webhooks: webhooksZhCN,
  serviceLogs: serviceLogsZhCN,
  usagePage: usageZhCN,
  pricesPage: pricesZhCN,
  playground: playgroundZhCN,
  evaluationSbs: evaluationSbsZhCN,
  evaluationBenchmarks: evaluationBenchmarksZhCN,
  evaluationGateRules: evaluationGateRulesZhCN,
  evaluationPage: evaluationZhCN,
} as const;
