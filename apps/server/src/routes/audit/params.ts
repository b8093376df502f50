import { AuditListQuery, ListQuery } from "@infera/contracts";

/** The filters of every audit list: a tenant's, a project's and the platform's. */
export const auditQuery = ListQuery.extend(AuditListQuery.shape);
