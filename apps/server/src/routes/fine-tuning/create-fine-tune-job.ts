import { CreateFineTuneJobInput, FineTuneJobDetail, single } from "@infera/contracts";
import { createFineTuneJob } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { projectParams } from "./params.js";

const route = defineRoute("fine_tuning.job.create", {
  method: "post",
  path: "/projects/{projectId}/fine-tuning/jobs",
  tags: ["Fine-tuning"],
  summary: "Submit a fine-tuning job (it waits queued for the scheduler)",
  description:
    "Only `base_model` (`{model_id, tag?}` or `{version_id}`), `dataset_version_id` and `output` (`{model_name}` for a new model or `{model_id}` for a new version of one of the project's models) are required; everything else has a default: first the base model version's recommended settings (`metadata.fine_tune_defaults`, from its `fine_tune_defaults.json`: epochs, batch size, learning rate, accumulation, warm-up, max length, LoRA settings), then the platform's (LoRA rank 8 on attn_q/attn_v, 1 epoch, batch 8, learning rate 1e-3, fp32, runtime `reference`, resource class `cpu-2`, validation split 0.1). The job's configuration shows the values it got. The tag is resolved now and the version id stored. Dataset versions must be the project's own; a model the project may not use, or another tenant's id, answers 404 like an unknown one. A runtime that cannot do the stage, method, precision, GPUs or DDP asked for, an unknown resource class, or records the stage cannot train on answer 422 naming what would work. A configuration exported with `GET /fine-tuning/jobs/{jobId}/config` imports here unchanged. With `template_id` (a template of this project; another project's or tenant's answers 404) the template's configuration is the base and this body's fields override it: per top-level field, except `lora`, merged one level (giving `lora.rank` keeps the template's other LoRA settings); `base_model`, `output` and `budget` replace the template's whole object; a field that excludes another (`validation_split` / `validation_dataset_version_id`, `warmup_ratio` / `warmup_steps`) drops the template's other one. The job's `template_id` records where it came from.",
  request: { params: projectParams, body: jsonBody(CreateFineTuneJobInput) },
  responses: { 201: jsonResponse(single(FineTuneJobDetail), "The queued job with its timeline") },
});

export function registerCreateFineTuneJob(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await createFineTuneJob({
          ctx: c.get("ctx"),
          projectId: c.req.valid("param").projectId,
          input: c.req.valid("json"),
          // Parsed once already (Hono keeps it): what was sent, so omitted settings can take the
          // template's and the base model's recommendation before the platform's defaults.
          given: (await c.req.json()) as Record<string, unknown>,
        }),
      },
      201,
    ),
  );
}
