import type { coreZhCN } from "./locales/core.zh-CN";
import type { zhCN } from "./locales/zh-CN";

/** A top-level key of the dictionary that is not in the core: one feature's messages, in a file of its own. */
export type FeatureNamespace = Exclude<keyof typeof zhCN, keyof typeof coreZhCN>;

type Loader = () => Promise<object>;

/**
 * Where each feature namespace's messages live, per language. Literal `import()`s so that the
 * bundler makes each file its own chunk, fetched when a page that needs it opens (not at start:
 * the login page's budget, decision 0008). This table is itself fetched with the first feature
 * page (i18n.ts imports it dynamically), so it stays out of the login page's JavaScript.
 */
export const featureMessages: Record<FeatureNamespace, { "zh-CN": Loader; "en-US": Loader }> = {
  modelsPage: {
    "zh-CN": () => import("./locales/models.zh-CN").then((m) => m.modelsZhCN),
    "en-US": () => import("./locales/models.en-US").then((m) => m.modelsEnUS),
  },
  datasetsPage: {
    "zh-CN": () => import("./locales/datasets.zh-CN").then((m) => m.datasetsZhCN),
    "en-US": () => import("./locales/datasets.en-US").then((m) => m.datasetsEnUS),
  },
  fineTuningPage: {
    "zh-CN": () => import("./locales/fine-tuning.zh-CN").then((m) => m.fineTuningZhCN),
    "en-US": () => import("./locales/fine-tuning.en-US").then((m) => m.fineTuningEnUS),
  },
  serviceDetail: {
    "zh-CN": () => import("./locales/service-detail.zh-CN").then((m) => m.serviceDetailZhCN),
    "en-US": () => import("./locales/service-detail.en-US").then((m) => m.serviceDetailEnUS),
  },
  servicesPage: {
    "zh-CN": () => import("./locales/services-page.zh-CN").then((m) => m.servicesPageZhCN),
    "en-US": () => import("./locales/services-page.en-US").then((m) => m.servicesPageEnUS),
  },
  apiKeys: {
    "zh-CN": () => import("./locales/api-keys.zh-CN").then((m) => m.apiKeysZhCN),
    "en-US": () => import("./locales/api-keys.en-US").then((m) => m.apiKeysEnUS),
  },
  serviceWizard: {
    "zh-CN": () => import("./locales/service-wizard.zh-CN").then((m) => m.serviceWizardZhCN),
    "en-US": () => import("./locales/service-wizard.en-US").then((m) => m.serviceWizardEnUS),
  },
  serviceMetrics: {
    "zh-CN": () => import("./locales/service-metrics.zh-CN").then((m) => m.serviceMetricsZhCN),
    "en-US": () => import("./locales/service-metrics.en-US").then((m) => m.serviceMetricsEnUS),
  },
  webhooks: {
    "zh-CN": () => import("./locales/webhooks.zh-CN").then((m) => m.webhooksZhCN),
    "en-US": () => import("./locales/webhooks.en-US").then((m) => m.webhooksEnUS),
  },
  serviceLogs: {
    "zh-CN": () => import("./locales/service-logs.zh-CN").then((m) => m.serviceLogsZhCN),
    "en-US": () => import("./locales/service-logs.en-US").then((m) => m.serviceLogsEnUS),
  },
  usagePage: {
    "zh-CN": () => import("./locales/usage.zh-CN").then((m) => m.usageZhCN),
    "en-US": () => import("./locales/usage.en-US").then((m) => m.usageEnUS),
  },
  pricesPage: {
    "zh-CN": () => import("./locales/prices.zh-CN").then((m) => m.pricesZhCN),
    "en-US": () => import("./locales/prices.en-US").then((m) => m.pricesEnUS),
  },
  playground: {
    "zh-CN": () => import("./locales/playground.zh-CN").then((m) => m.playgroundZhCN),
    "en-US": () => import("./locales/playground.en-US").then((m) => m.playgroundEnUS),
  },
  evaluationSbs: {
    "zh-CN": () => import("./locales/evaluation-sbs.zh-CN").then((m) => m.evaluationSbsZhCN),
    "en-US": () => import("./locales/evaluation-sbs.en-US").then((m) => m.evaluationSbsEnUS),
  },
  evaluationBenchmarks: {
    "zh-CN": () => import("./locales/evaluation-benchmarks.zh-CN").then((m) => m.evaluationBenchmarksZhCN),
    "en-US": () => import("./locales/evaluation-benchmarks.en-US").then((m) => m.evaluationBenchmarksEnUS),
  },
  evaluationGateRules: {
    "zh-CN": () => import("./locales/evaluation-gate-rules.zh-CN").then((m) => m.evaluationGateRulesZhCN),
    "en-US": () => import("./locales/evaluation-gate-rules.en-US").then((m) => m.evaluationGateRulesEnUS),
  },
  evaluationPage: {
    "zh-CN": () => import("./locales/evaluation.zh-CN").then((m) => m.evaluationZhCN),
    "en-US": () => import("./locales/evaluation.en-US").then((m) => m.evaluationEnUS),
  },
};
