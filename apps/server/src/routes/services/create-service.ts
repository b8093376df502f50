import { CreateServiceInput, ServiceDetail, single } from "@infera/contracts";
import { createService } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { projectParams } from "./params.js";

const route = defineRoute("service.create", {
  method: "post",
  path: "/projects/{projectId}/services",
  tags: ["Services"],
  summary: "Create an inference service and its revision 1",
  description:
    "The model is given by `{model_id, tag?}` or `{version_id}`; the revision stores the version it resolved to (an adapter version brings its base). Runtimes running here: `llama.cpp` (the version needs a GGUF file) and `openai-compatible` (`base_url`, an optional `api_key` stored encrypted and never answered). `scale_to_zero` is refused in Prod while the project's policy `prod_disallow_scale_to_zero` is on. `strategy` full (default) gives revision 1 all traffic, none gives it 0%.",
  request: { params: projectParams, body: jsonBody(CreateServiceInput) },
  responses: { 201: jsonResponse(single(ServiceDetail), "Created") },
});

export function registerCreateService(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await createService({
          ctx: c.get("ctx"),
          projectId: c.req.valid("param").projectId,
          input: c.req.valid("json"),
        }),
      },
      201,
    ),
  );
}
