import type { FineTuneTemplate } from "@infera/contracts";
import type { ServiceContext } from "../../shared/context.js";
import { authorizeTemplate, toFineTuneTemplate } from "./template-access.js";

export async function getFineTuneTemplate({
  ctx,
  templateId,
}: {
  ctx: ServiceContext;
  templateId: string;
}): Promise<FineTuneTemplate> {
  const { template } = await authorizeTemplate(ctx, "fine_tuning.template.read", templateId);
  return toFineTuneTemplate(template);
}
