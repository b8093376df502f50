import { z } from "zod";
import { idParam } from "../../http/define-route.js";

export const projectParams = z.object({ projectId: idParam("project id") });
export const benchmarkParams = z.object({ benchmarkId: idParam("evaluation benchmark id") });
