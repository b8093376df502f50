import type { Api } from "../http/api.js";
import { registerAdminRoutes } from "./admin/index.js";
import { registerApiKeyRoutes } from "./api-keys/index.js";
import { registerAuditRoutes } from "./audit/index.js";
import { registerAuthRoutes } from "./auth/index.js";
import { registerDatasetRoutes } from "./datasets/index.js";
import { registerFineTuningRoutes } from "./fine-tuning/index.js";
import { registerFineTuneTemplateRoutes } from "./fine-tuning-templates/index.js";
import { registerInvitationRoutes } from "./invitations/index.js";
import { registerMemberRoutes } from "./members/index.js";
import { registerModelRoutes } from "./models/index.js";
import { registerNodeRoutes } from "./nodes/index.js";
import { registerNotificationRoutes } from "./notifications/index.js";
import { registerPolicyRoutes } from "./policies/index.js";
import { registerProjectRoutes } from "./projects/index.js";
import { registerResourceClassRoutes } from "./resource-classes/index.js";
import { registerServiceAccountRoutes } from "./service-accounts/index.js";
import { registerServiceRoutes } from "./services/index.js";
import { registerTenantUserRoutes } from "./tenant-users/index.js";
import { registerTenantRoutes } from "./tenants/index.js";
import { registerUploadRoutes } from "./uploads/index.js";
import { registerWebhookRoutes } from "./webhooks/index.js";

/** Every /api/v1 route, in one list so nothing is reachable that the security tests do not see. */
export function registerRoutes(api: Api, opts: { secureCookies: boolean }) {
  registerAuthRoutes(api, opts);
  registerTenantRoutes(api);
  registerProjectRoutes(api);
  registerMemberRoutes(api);
  registerAuditRoutes(api);
  registerTenantUserRoutes(api);
  registerInvitationRoutes(api);
  registerServiceAccountRoutes(api);
  registerPolicyRoutes(api);
  registerAdminRoutes(api);
  registerModelRoutes(api);
  registerDatasetRoutes(api);
  registerUploadRoutes(api);
  registerFineTuningRoutes(api);
  registerFineTuneTemplateRoutes(api);
  registerResourceClassRoutes(api);
  registerNodeRoutes(api);
  registerNotificationRoutes(api);
  registerWebhookRoutes(api);
  registerServiceRoutes(api);
  registerApiKeyRoutes(api);
}
