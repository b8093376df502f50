import type { Api } from "../../http/api.js";
import { registerCreateFineTuneTemplate } from "./create-fine-tune-template.js";
import { registerDeleteFineTuneTemplate } from "./delete-fine-tune-template.js";
import { registerGetFineTuneTemplate } from "./get-fine-tune-template.js";
import { registerListFineTuneTemplates } from "./list-fine-tune-templates.js";
import { registerUpdateFineTuneTemplate } from "./update-fine-tune-template.js";

/** Saved job configurations of a project; a job names one with `template_id` on create. */
export function registerFineTuneTemplateRoutes(app: Api) {
  registerListFineTuneTemplates(app);
  registerCreateFineTuneTemplate(app);
  registerGetFineTuneTemplate(app);
  registerUpdateFineTuneTemplate(app);
  registerDeleteFineTuneTemplate(app);
}
