import { z } from "zod";
import { idParam } from "../../http/define-route.js";

export const projectParams = z.object({ projectId: idParam("project id") });

export const runParams = z.object({ runId: idParam("evaluation run id") });
