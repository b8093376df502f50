import {
  CreateServiceAccountInput,
  IssuedToken,
  IssueTokenInput,
  ListQuery,
  listOf,
  ServiceAccount,
  ServiceAccountListQuery,
  single,
  UpdateServiceAccountInput,
} from "@infera/contracts";
import {
  createServiceAccount,
  deleteServiceAccount,
  issueServiceAccountToken,
  listServiceAccounts,
  updateServiceAccount,
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
const accountParams = projectParams.extend({ serviceAccountId: idParam("service account id") });

const list = defineRoute("project.service_account.list", {
  method: "get",
  path: "/projects/{projectId}/service-accounts",
  tags: ["Service accounts"],
  summary: "List the project's service accounts",
  description:
    "Filter by `status`, `q` (name or id). Sort by `created_at` (default, newest first) or `name`.",
  request: { params: projectParams, query: ListQuery.extend(ServiceAccountListQuery.shape) },
  responses: { 200: listResponse(listOf(ServiceAccount), "Service accounts") },
});

const create = defineRoute("project.service_account.create", {
  method: "post",
  path: "/projects/{projectId}/service-accounts",
  tags: ["Service accounts"],
  summary: "Create a service account with a project role (issue a token separately)",
  request: { params: projectParams, body: jsonBody(CreateServiceAccountInput) },
  responses: { 201: jsonResponse(single(ServiceAccount), "Created") },
});

const update = defineRoute("project.service_account.update", {
  method: "patch",
  path: "/projects/{projectId}/service-accounts/{serviceAccountId}",
  tags: ["Service accounts"],
  summary: "Rename, change role or note, disable or enable (a disabled account's tokens stop working)",
  request: { params: accountParams, body: jsonBody(UpdateServiceAccountInput) },
  responses: { 200: jsonResponse(single(ServiceAccount), "Updated") },
});

const remove = defineRoute("project.service_account.delete", {
  method: "delete",
  path: "/projects/{projectId}/service-accounts/{serviceAccountId}",
  tags: ["Service accounts"],
  summary: "Delete a service account and its tokens",
  request: { params: accountParams },
  responses: noContent,
});

const issue = defineRoute("project.service_account.token.issue", {
  method: "post",
  path: "/projects/{projectId}/service-accounts/{serviceAccountId}/tokens",
  tags: ["Service accounts"],
  summary: "Issue or rotate a token (shown once; revoke_existing revokes the others)",
  request: { params: accountParams, body: jsonBody(IssueTokenInput) },
  responses: { 201: jsonResponse(single(IssuedToken), "Issued: the token is shown only now") },
});

export function registerServiceAccountRoutes(app: Api) {
  app.openapi(list, async (c) => {
    const { projectId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) =>
        listServiceAccounts({ ctx: c.get("ctx"), projectId, query: { ...query, cursor, limit } }),
      "service-accounts",
    );
  });
  app.openapi(create, async (c) =>
    c.json(
      {
        data: await createServiceAccount({
          ctx: c.get("ctx"),
          projectId: c.req.valid("param").projectId,
          input: c.req.valid("json"),
        }),
      },
      201,
    ),
  );
  app.openapi(update, async (c) => {
    const { projectId, serviceAccountId } = c.req.valid("param");
    return c.json(
      {
        data: await updateServiceAccount({
          ctx: c.get("ctx"),
          projectId,
          serviceAccountId,
          input: c.req.valid("json"),
        }),
      },
      200,
    );
  });
  app.openapi(remove, async (c) => {
    const { projectId, serviceAccountId } = c.req.valid("param");
    await deleteServiceAccount({ ctx: c.get("ctx"), projectId, serviceAccountId });
    return c.body(null, 204);
  });
  app.openapi(issue, async (c) => {
    const { projectId, serviceAccountId } = c.req.valid("param");
    c.header("Cache-Control", "no-store");
    return c.json(
      {
        data: await issueServiceAccountToken({
          ctx: c.get("ctx"),
          projectId,
          serviceAccountId,
          input: c.req.valid("json"),
        }),
      },
      201,
    );
  });
}
