import {
  AuditAnchor,
  AuditEvent,
  AuditListQuery,
  AuditVerifyResult,
  ListQuery,
  listOf,
  single,
} from "@infera/contracts";
import { anchorAuditChain, getAuditEvent, listAuditEvents, verifyAuditChain } from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import { defineRoute, idParam, jsonResponse, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";

const query = ListQuery.extend(AuditListQuery.shape);

const tenantList = defineRoute("tenant.audit.list", {
  method: "get",
  path: "/tenants/{tenantId}/audit-events",
  tags: ["Audit"],
  summary: "Audit events of a tenant, newest first",
  description:
    "Filters: from/to (RFC 3339), actor_type, actor_id, actor (email), action (exact or prefix ending in `.` or `*`), resource_type, resource_id, project_id, q. Export with format=csv.",
  request: { params: z.object({ tenantId: idParam("tenant id") }), query },
  responses: { 200: listResponse(listOf(AuditEvent), "Events") },
});

const projectList = defineRoute("project.audit.list", {
  method: "get",
  path: "/projects/{projectId}/audit-events",
  tags: ["Audit"],
  summary: "Audit events of a project, newest first",
  request: { params: z.object({ projectId: idParam("project id") }), query },
  responses: { 200: listResponse(listOf(AuditEvent), "Events") },
});

const get = defineRoute("audit.event.read", {
  method: "get",
  path: "/audit-events/{eventId}",
  tags: ["Audit"],
  summary: "One audit event with its before and after",
  request: { params: z.object({ eventId: idParam("audit event id") }) },
  responses: { 200: jsonResponse(single(AuditEvent), "The event") },
});

const verify = defineRoute("tenant.audit.verify", {
  method: "get",
  path: "/tenants/{tenantId}/audit-events/verify",
  tags: ["Audit"],
  summary: "Recompute the tenant's hash chain and compare it with its latest signed anchor",
  request: { params: z.object({ tenantId: idParam("tenant id") }) },
  responses: { 200: jsonResponse(single(AuditVerifyResult), "Verification result") },
});

const anchor = defineRoute("tenant.audit.anchor", {
  method: "post",
  path: "/tenants/{tenantId}/audit-events/anchor",
  tags: ["Audit"],
  summary: "Sign the tenant chain's head into the anchor file now",
  description:
    "Anchors are also written every few minutes and on shutdown. Refused (409) when the chain no longer extends its previous anchor.",
  request: { params: z.object({ tenantId: idParam("tenant id") }) },
  responses: { 201: jsonResponse(single(AuditAnchor), "The anchor written") },
});

// The platform chain (sign-ins, users, system models): its own actions, decided for the platform admin.
const platformList = defineRoute("platform.audit.list", {
  method: "get",
  path: "/tenants/platform/audit-events",
  tags: ["Audit"],
  summary: "Audit events of the platform chain (sign-ins, users, system models), newest first",
  description: "The same filters and export as a tenant's list. Platform admins only.",
  request: { query },
  responses: { 200: listResponse(listOf(AuditEvent), "Events") },
});

const platformVerify = defineRoute("platform.audit.verify", {
  method: "get",
  path: "/tenants/platform/audit-events/verify",
  tags: ["Audit"],
  summary: "Recompute the platform hash chain and compare it with its latest anchor",
  responses: { 200: jsonResponse(single(AuditVerifyResult), "Verification result") },
});

const platformAnchor = defineRoute("platform.audit.anchor", {
  method: "post",
  path: "/tenants/platform/audit-events/anchor",
  tags: ["Audit"],
  summary: "Sign the platform chain's head into the anchor file now",
  responses: { 201: jsonResponse(single(AuditAnchor), "The anchor written") },
});

export function registerAuditRoutes(app: Api) {
  // The platform routes come first: "platform" in their path is no tenant id.
  app.openapi(platformVerify, async (c) =>
    c.json({ data: await verifyAuditChain({ ctx: c.get("ctx"), tenantId: "platform" }) }, 200),
  );
  app.openapi(platformAnchor, async (c) =>
    c.json({ data: await anchorAuditChain({ ctx: c.get("ctx"), chain: "platform" }) }, 201),
  );
  app.openapi(platformList, async (c) => {
    const q = c.req.valid("query");
    return respondList(
      c,
      q,
      (cursor, limit) =>
        listAuditEvents({
          ctx: c.get("ctx"),
          scope: { tenantId: "platform" },
          query: { ...q, cursor, limit },
        }),
      "audit-events",
    );
  });
  app.openapi(anchor, async (c) =>
    c.json(
      { data: await anchorAuditChain({ ctx: c.get("ctx"), chain: c.req.valid("param").tenantId }) },
      201,
    ),
  );
  // Registered before the {eventId} route's siblings so "verify" is never read as an id.
  app.openapi(verify, async (c) =>
    c.json(
      { data: await verifyAuditChain({ ctx: c.get("ctx"), tenantId: c.req.valid("param").tenantId }) },
      200,
    ),
  );
  app.openapi(tenantList, async (c) => {
    const { tenantId } = c.req.valid("param");
    const q = c.req.valid("query");
    return respondList(
      c,
      q,
      (cursor, limit) =>
        listAuditEvents({ ctx: c.get("ctx"), scope: { tenantId }, query: { ...q, cursor, limit } }),
      "audit-events",
    );
  });
  app.openapi(projectList, async (c) => {
    const { projectId } = c.req.valid("param");
    const q = c.req.valid("query");
    return respondList(
      c,
      q,
      (cursor, limit) =>
        listAuditEvents({ ctx: c.get("ctx"), scope: { projectId }, query: { ...q, cursor, limit } }),
      "audit-events",
    );
  });
  app.openapi(get, async (c) =>
    c.json({ data: await getAuditEvent({ ctx: c.get("ctx"), eventId: c.req.valid("param").eventId }) }, 200),
  );
}
