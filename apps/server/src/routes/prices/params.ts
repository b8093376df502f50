import { z } from "zod";
import { idParam } from "../../http/define-route.js";

export const tenantParams = z.object({ tenantId: idParam("tenant id") });
export const priceParams = z.object({ priceId: idParam("price id") });
