import { mergeJobConfig } from "../merge-job-config.js";

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A job's configuration from a template and the request's own fields (decision 0019): per top-level
 * field the request wins; `lora` is merged one level (a request giving only `lora.rank` keeps the
 * template's alpha, dropout and modules). `base_model`, `output` and `budget` are each one choice
 * (a model or a version, a new model or an existing one, hours or an amount) and are replaced whole.
 * Fields that exclude each other follow the clone's rules (`mergeJobConfig`).
 */
export function mergeTemplateConfig(
  template: Record<string, unknown>,
  request: Record<string, unknown>,
): Record<string, unknown> {
  const overrides = { ...request };
  if (isObject(template.lora) && isObject(request.lora))
    overrides.lora = { ...template.lora, ...request.lora };
  return mergeJobConfig(template, overrides);
}
