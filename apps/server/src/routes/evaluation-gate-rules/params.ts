import { ListQuery } from "@infera/contracts";
import { z } from "zod";
import { idParam } from "../../http/define-route.js";

export const projectParams = z.object({ projectId: idParam("project id") });
export const ruleParams = z.object({ ruleId: idParam("evaluation gate rule id") });
export const GateRuleListQuery = ListQuery.extend({
  /** The rules that apply to this model: its own and the project's rules for every model. */
  model_id: z.string().max(100).optional(),
  /** `true`: each pass-rate rule's regression prompts too; by default only their count (`prompt_count`). */
  include_prompts: z.enum(["true", "false"]).optional(),
});
