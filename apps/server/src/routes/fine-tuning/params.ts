import { z } from "zod";
import { idParam } from "../../http/define-route.js";

export const projectParams = z.object({ projectId: idParam("project id") });

export const jobParams = z.object({ jobId: idParam("fine-tuning job id") });

/** Any text: a name no checkpoint of the job has answers not_found, like an unknown id. */
export const checkpointParams = jobParams.extend({ name: idParam("checkpoint name, e.g. step-00000060") });
