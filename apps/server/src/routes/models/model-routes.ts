import {
  CreateModelInput,
  CreateSystemModelInput,
  Dependant,
  ListQuery,
  listOf,
  Model,
  ModelListQuery,
  ResolvedModelRef,
  single,
  UpdateModelInput,
} from "@infera/contracts";
import {
  createModel,
  createSystemModel,
  deleteModel,
  getModel,
  getModelUsage,
  listModels,
  resolveModelRef,
  updateModel,
} from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import {
  defineRoute,
  idParam,
  jsonBody,
  jsonResponse,
  listResponse,
  noContent,
} from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";

const projectParams = z.object({ projectId: idParam("project id") });
const modelParams = z.object({ modelId: idParam("model id") });

const list = defineRoute("model.list", {
  method: "get",
  path: "/projects/{projectId}/models",
  tags: ["Models"],
  summary: "Models the project may use: public system models, the tenant's shared models and its own",
  description:
    "Filter by `scope` (system, tenant, project), `visibility`, `source` (a version from upload, fine_tune, system or import), `license`, `weight_format` (gguf, safetensors, bin), `artifact_type`, `quantization`, `q` (name, model id or version id). Sort by `updated_at` (default, newest first), `created_at` or `name`. `?format=csv|json` exports the whole filter.",
  request: { params: projectParams, query: ListQuery.extend(ModelListQuery.shape) },
  responses: { 200: listResponse(listOf(Model), "Models") },
});

const create = defineRoute("model.create", {
  method: "post",
  path: "/projects/{projectId}/models",
  tags: ["Models"],
  summary: "Create a tenant model managed by this project (private or tenant_shared)",
  request: { params: projectParams, body: jsonBody(CreateModelInput) },
  responses: { 201: jsonResponse(single(Model), "Created") },
});

const createSystem = defineRoute("model.system.create", {
  method: "post",
  path: "/models",
  tags: ["Models"],
  summary: "Register a system model (platform admin): owned by the platform, public to every tenant",
  request: { body: jsonBody(CreateSystemModelInput) },
  responses: { 201: jsonResponse(single(Model), "Created") },
});

const get = defineRoute("model.read", {
  method: "get",
  path: "/models/{modelId}",
  tags: ["Models"],
  summary: "Read a model (its own project, a shared model of your tenant, or a public system model)",
  request: { params: modelParams },
  responses: { 200: jsonResponse(single(Model), "The model") },
});

const update = defineRoute("model.update", {
  method: "patch",
  path: "/models/{modelId}",
  tags: ["Models"],
  summary: "Rename a model, change its description, visibility, source or license",
  request: { params: modelParams, body: jsonBody(UpdateModelInput) },
  responses: { 200: jsonResponse(single(Model), "Updated") },
});

const remove = defineRoute("model.delete", {
  method: "delete",
  path: "/models/{modelId}",
  tags: ["Models"],
  summary: "Delete a model with its versions and tags; 409 resource_in_use lists what references it",
  request: { params: modelParams },
  responses: noContent,
});

const resolve = defineRoute("model.resolve", {
  method: "get",
  path: "/models/{modelId}/resolve",
  tags: ["Models"],
  summary: "Resolve a tag or a version id of the model to the version id",
  request: { params: modelParams, query: z.object({ ref: z.string().min(1).max(100) }) },
  responses: { 200: jsonResponse(single(ResolvedModelRef), "The version id the ref names now") },
});

const usage = defineRoute("model.read", {
  method: "get",
  path: "/models/{modelId}/usage",
  tags: ["Models"],
  summary: "What references the model or its versions now (what would block its deletion)",
  description:
    "The dependants a delete would answer 409 resource_in_use with: service revisions, derived versions, other models' tags… Only those inside the caller's own tenants are listed (a public system model is used across tenants).",
  request: { params: modelParams },
  responses: {
    200: jsonResponse(single(z.object({ dependants: z.array(Dependant) })), "Dependants"),
  },
});

export function registerModelRoutes(app: Api) {
  app.openapi(list, async (c) => {
    const { projectId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) => listModels({ ctx: c.get("ctx"), projectId, query: { ...query, cursor, limit } }),
      "models",
    );
  });
  app.openapi(create, async (c) =>
    c.json(
      {
        data: await createModel({
          ctx: c.get("ctx"),
          projectId: c.req.valid("param").projectId,
          input: c.req.valid("json"),
        }),
      },
      201,
    ),
  );
  app.openapi(createSystem, async (c) =>
    c.json({ data: await createSystemModel({ ctx: c.get("ctx"), input: c.req.valid("json") }) }, 201),
  );
  app.openapi(get, async (c) =>
    c.json({ data: await getModel({ ctx: c.get("ctx"), modelId: c.req.valid("param").modelId }) }, 200),
  );
  app.openapi(update, async (c) =>
    c.json(
      {
        data: await updateModel({
          ctx: c.get("ctx"),
          modelId: c.req.valid("param").modelId,
          input: c.req.valid("json"),
        }),
      },
      200,
    ),
  );
  app.openapi(remove, async (c) => {
    await deleteModel({ ctx: c.get("ctx"), modelId: c.req.valid("param").modelId });
    return c.body(null, 204);
  });
  app.openapi(resolve, async (c) =>
    c.json(
      {
        data: await resolveModelRef({
          ctx: c.get("ctx"),
          modelId: c.req.valid("param").modelId,
          ref: c.req.valid("query").ref,
        }),
      },
      200,
    ),
  );
  app.openapi(usage, async (c) =>
    c.json({ data: await getModelUsage({ ctx: c.get("ctx"), modelId: c.req.valid("param").modelId }) }, 200),
  );
}
