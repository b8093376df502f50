import type { Api } from "../http/api.js";
import { registerBlobGcRoutes } from "./admin/blob-gc-routes.js";
import { registerAuditRoutes } from "./audit/audit-routes.js";
import { registerLogin } from "./auth/login.js";
import { registerLogout } from "./auth/logout.js";
import { registerMe } from "./auth/me.js";
import { registerPermissions } from "./auth/permissions.js";
import { registerDatasetRoutes } from "./datasets/dataset-routes.js";
import { registerDatasetDownloadRoutes } from "./datasets/download-routes.js";
import { registerDatasetVersionRoutes } from "./datasets/version-routes.js";
import { registerInvitationRoutes } from "./invitations/invitation-routes.js";
import { registerMemberRoutes } from "./members/member-routes.js";
import { registerModelRoutes } from "./models/model-routes.js";
import { registerModelTagRoutes } from "./models/tag-routes.js";
import { registerModelVersionRoutes } from "./models/version-routes.js";
import { registerPolicyRoutes } from "./policies/policy-routes.js";
import { registerProjectRoutes } from "./projects/project-routes.js";
import { registerServiceAccountRoutes } from "./service-accounts/service-account-routes.js";
import { registerTenantUserRoutes } from "./tenant-users/tenant-user-routes.js";
import { registerTenantRoutes } from "./tenants/tenant-routes.js";
import { registerUploadRoutes } from "./uploads/upload-routes.js";

/** Every /api/v1 route, in one list so nothing is reachable that the security tests do not see. */
export function registerRoutes(api: Api, opts: { secureCookies: boolean }) {
  registerLogin(api, opts);
  registerLogout(api);
  registerMe(api);
  registerPermissions(api);
  registerTenantRoutes(api);
  registerProjectRoutes(api);
  registerMemberRoutes(api);
  registerAuditRoutes(api);
  registerTenantUserRoutes(api);
  registerInvitationRoutes(api);
  registerServiceAccountRoutes(api);
  registerPolicyRoutes(api);
  registerBlobGcRoutes(api);
  registerModelRoutes(api);
  registerModelVersionRoutes(api);
  registerModelTagRoutes(api);
  registerDatasetRoutes(api);
  registerDatasetVersionRoutes(api);
  registerDatasetDownloadRoutes(api);
  registerUploadRoutes(api);
}
