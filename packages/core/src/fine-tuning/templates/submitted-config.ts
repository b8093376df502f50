import { FineTuneJobConfig } from "@infera/contracts";
import type { ServiceContext } from "../../shared/context.js";
import { invalid } from "../../shared/errors.js";
import { mergeTemplateConfig } from "./merge-template-config.js";
import { templateInProject } from "./template-access.js";

/**
 * What a submission (create, or its dry run) asks for: the body as sent, over the project's template
 * when it names `template_id`, checked as one configuration. `given` is the merged body before
 * defaults, so what neither gave takes the base model's recommendation.
 */
export async function submittedConfig(
  ctx: ServiceContext,
  projectId: string,
  body: Record<string, unknown>,
): Promise<{ config: FineTuneJobConfig; given: Record<string, unknown>; templateId: string | null }> {
  const { template_id: templateId, ...fields } = body;
  const template =
    typeof templateId === "string" ? await templateInProject(ctx, projectId, templateId) : null;
  const given = template ? mergeTemplateConfig(template.config, fields) : fields;
  const parsed = FineTuneJobConfig.safeParse(given);
  if (!parsed.success)
    throw invalid(
      template
        ? `template "${template.name}" with this request's fields is not a valid configuration: ${parsed.error.issues[0]?.message}`
        : `the configuration is not valid: ${parsed.error.issues[0]?.message}`,
      { fields: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) },
    );
  return { config: parsed.data, given, templateId: template?.id ?? null };
}
