import { z } from "zod";
import { idParam } from "../../http/define-route.js";

export const projectParams = z.object({ projectId: idParam("project id") });
export const serviceParams = z.object({ serviceId: idParam("service id") });
export const revisionParams = z.object({ revisionId: idParam("service revision id") });
