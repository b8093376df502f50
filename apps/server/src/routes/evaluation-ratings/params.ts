import { ErrorEnvelope } from "@infera/contracts";
import { z } from "zod";
import { idParam } from "../../http/define-route.js";

export const ratedRunParams = z.object({ runId: idParam("evaluation run id (a side_by_side run)") });

export const unprocessable = (description: string) => ({
  description: `unprocessable_content: ${description}`,
  content: { "application/json": { schema: ErrorEnvelope } },
});
