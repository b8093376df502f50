import { FineTuneJob, FineTuneJobListQuery, ListQuery, listOf } from "@infera/contracts";
import { listFineTuneJobs } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";
import { projectParams } from "./params.js";

const route = defineRoute("fine_tuning.job.list", {
  method: "get",
  path: "/projects/{projectId}/fine-tuning/jobs",
  tags: ["Fine-tuning"],
  summary: "A project's fine-tuning jobs, newest first",
  description:
    "Filter by `status`, `method` (lora, full), `created_by` (a user or service account id, or `me`), `created_after` / `created_before` (creation time, RFC 3339), and `q` (name, job id, base model version id or dataset version id). Sort `created_at` (default newest first; `sort=created_at` for oldest first). With the project policy `fine_tuning_own_jobs_only`, Developers and Viewers see only their own jobs. `?format=csv|json` exports the whole filter.",
  request: { params: projectParams, query: ListQuery.extend(FineTuneJobListQuery.shape) },
  responses: { 200: listResponse(listOf(FineTuneJob), "Jobs") },
});

export function registerListFineTuneJobs(app: Api) {
  app.openapi(route, async (c) => {
    const { projectId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) =>
        listFineTuneJobs({ ctx: c.get("ctx"), projectId, query: { ...query, cursor, limit } }),
      "fine-tuning-jobs",
    );
  });
}
