import { TUS_VERSION } from "@infera/contracts";
import { z } from "zod";
import { idParam } from "../../http/define-route.js";
import { TUS_CONTENT_TYPE } from "./tus-headers.js";

export const uploadParams = z.object({ uploadId: idParam("upload id (upl_…)") });
export const tusHeaders = {
  "Tus-Resumable": { description: TUS_VERSION, schema: { type: "string" as const } },
};
export const octetBody = {
  content: { [TUS_CONTENT_TYPE]: { schema: z.string().openapi({ format: "binary" }) } },
};
