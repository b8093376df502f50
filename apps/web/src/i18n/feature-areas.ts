import type { FeatureNamespace } from "./feature-messages";

/**
 * The namespaces each area's pages need, by its folder under src/features (the project settings
 * page, in features/project, shows the webhooks). A model version's drawer shows its fine-tuning
 * job's results (components/training-metrics), hence the models' fineTuningPage.
 * feature-messages.test.ts checks that a feature's source uses no other namespace.
 */
export const featureAreas = {
  models: ["modelsPage", "fineTuningPage"],
  datasets: ["datasetsPage"],
  "fine-tuning": ["fineTuningPage"],
  evaluation: ["evaluationPage", "evaluationSbs", "evaluationBenchmarks", "evaluationGateRules"],
  services: ["servicesPage", "serviceDetail", "serviceWizard", "serviceMetrics", "serviceLogs", "playground"],
  "api-keys": ["apiKeys"],
  usage: ["usagePage", "pricesPage"],
  project: ["webhooks"],
} as const satisfies Record<string, readonly FeatureNamespace[]>;

export type FeatureArea = keyof typeof featureAreas;
