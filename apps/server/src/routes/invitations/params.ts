import { z } from "zod";
import { idParam } from "../../http/define-route.js";

export const tenantParams = z.object({ tenantId: idParam("tenant id") });

export const tokenParams = z.object({
  token: z.string().min(1).max(200).describe("the token of the invitation link"),
});
