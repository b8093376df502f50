import { idSchema } from "@infera/contracts";
import { z } from "zod";

export const nodeParams = z.object({ nodeId: idSchema("node") });
