import { z } from "zod";
import { idParam } from "../../http/define-route.js";

export const projectParams = z.object({ projectId: idParam("project id") });
export const webhookParams = z.object({ webhookId: idParam("webhook id") });
export const deliveryParams = z.object({ deliveryId: idParam("webhook delivery id") });
