import { AuditAnchor, AuditEvent, type AuditListQuery, AuditVerifyResult, single } from "@infera/contracts";
import type { Transport } from "../http.js";
import {
  type ExportQuery,
  type IterateQuery,
  type Listing,
  listing,
  type PageQuery,
  seg,
} from "../pagination.js";

/** Whose events: a tenant's (Tenant Admin), one project's (its members), or `{ tenantId: "platform" }` (platform admins). */
export type AuditScope = { tenantId: string } | { projectId: string };

export type AuditFilter = AuditListQuery;

export function auditApi(t: Transport) {
  const at = (scope: AuditScope): Listing<AuditEvent, AuditFilter> =>
    listing<typeof AuditEvent, AuditFilter>(
      t,
      "tenantId" in scope
        ? `/tenants/${seg(scope.tenantId)}/audit-events`
        : `/projects/${seg(scope.projectId)}/audit-events`,
      AuditEvent,
    );
  return {
    /** One page of events, newest first. Filters: from/to, actor, action (or prefix), resource, project. */
    list: (scope: AuditScope, query?: PageQuery<AuditFilter>) => at(scope).list(query),
    iterate: (scope: AuditScope, query?: IterateQuery<AuditFilter>) => at(scope).iterate(query),
    /** The whole filter as CSV text. */
    exportCsv: (scope: AuditScope, query?: ExportQuery<AuditFilter>) => at(scope).exportCsv(query),
    /** The whole filter as events, in one answer. */
    exportJson: (scope: AuditScope, query?: ExportQuery<AuditFilter>) => at(scope).exportJson(query),
    /** One event with its before and after. */
    async get(eventId: string): Promise<AuditEvent> {
      return (await t.json("GET", `/audit-events/${seg(eventId)}`, single(AuditEvent))).data;
    },
    /**
     * Recomputes the tenant's hash chain (`platform`: the platform's) and compares it with its
     * latest signed anchor: intact, or the first broken link.
     */
    async verify(tenantId: string): Promise<AuditVerifyResult> {
      const path = `/tenants/${seg(tenantId)}/audit-events/verify`;
      return (await t.json("GET", path, single(AuditVerifyResult))).data;
    },
    /** Signs the chain's head into the server's anchor file now. */
    async anchor(tenantId: string): Promise<AuditAnchor> {
      const path = `/tenants/${seg(tenantId)}/audit-events/anchor`;
      return (await t.json("POST", path, single(AuditAnchor))).data;
    },
  };
}
