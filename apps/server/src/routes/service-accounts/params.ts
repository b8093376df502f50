import { z } from "zod";
import { idParam } from "../../http/define-route.js";

export const projectParams = z.object({ projectId: idParam("project id") });

export const accountParams = projectParams.extend({ serviceAccountId: idParam("service account id") });
