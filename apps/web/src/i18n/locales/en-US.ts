import type { Messages } from "../types";
import { apiKeysEnUS } from "./api-keys.en-US";
import { coreEnUS } from "./core.en-US";
import { datasetsEnUS } from "./datasets.en-US";
import { evaluationEnUS } from "./evaluation.en-US";
import { evaluationBenchmarksEnUS } from "./evaluation-benchmarks.en-US";
import { evaluationGateRulesEnUS } from "./evaluation-gate-rules.en-US";
import { evaluationSbsEnUS } from "./evaluation-sbs.en-US";
import { fineTuningEnUS } from "./fine-tuning.en-US";
import { modelsEnUS } from "./models.en-US";
import { playgroundEnUS } from "./playground.en-US";
import { pricesEnUS } from "./prices.en-US";
import { serviceDetailEnUS } from "./service-detail.en-US";
import { serviceLogsEnUS } from "./service-logs.en-US";
import { serviceMetricsEnUS } from "./service-metrics.en-US";
import { serviceWizardEnUS } from "./service-wizard.en-US";
import { servicesPageEnUS } from "./services-page.en-US";
import { usageEnUS } from "./usage.en-US";
import { webhooksEnUS } from "./webhooks.en-US";

/** The whole English dictionary, for the tests and the locale check (the app loads it in parts). */
export const enUS: Messages = {
  ...coreEnUS,
  modelsPage: modelsEnUS,
  datasetsPage: datasetsEnUS,
  fineTuningPage: fineTuningEnUS,
  serviceDetail: serviceDetailEnUS,
  servicesPage: servicesPageEnUS,
  apiKeys: apiKeysEnUS,
  serviceWizard: serviceWizardEnUS,
  serviceMetrics: serviceMetricsEnUS,
  webhooks: webhooksEnUS,
  serviceLogs: serviceLogsEnUS,
  usagePage: usageEnUS,
  pricesPage: pricesEnUS,
  playground: playgroundEnUS,
  evaluationSbs: evaluationSbsEnUS,
  evaluationBenchmarks: evaluationBenchmarksEnUS,
  evaluationGateRules: evaluationGateRulesEnUS,
  evaluationPage: evaluationEnUS,
};
