import { z } from "zod";
import { idParam } from "../../http/define-route.js";

export const nodeParams = z.object({ nodeId: idParam("node id") });
