import { z } from "zod";
import { idParam } from "../../http/define-route.js";

export const projectParams = z.object({ projectId: idParam("project id") });

export const modelParams = z.object({ modelId: idParam("model id") });

export const versionParams = z.object({ versionId: idParam("model version id") });

export const tagParams = modelParams.extend({ tag: z.string().min(1).max(100).describe("tag name") });
