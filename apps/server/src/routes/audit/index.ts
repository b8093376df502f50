import type { Api } from "../../http/api.js";
import { registerAnchorAuditChain } from "./anchor-audit-chain.js";
import { registerAnchorPlatformAuditChain } from "./anchor-platform-audit-chain.js";
import { registerGetAuditEvent } from "./get-audit-event.js";
import { registerListPlatformAuditEvents } from "./list-platform-audit-events.js";
import { registerListProjectAuditEvents } from "./list-project-audit-events.js";
import { registerListTenantAuditEvents } from "./list-tenant-audit-events.js";
import { registerVerifyAuditChain } from "./verify-audit-chain.js";
import { registerVerifyPlatformAuditChain } from "./verify-platform-audit-chain.js";

/** In this order: Hono matches, and the OpenAPI document lists, in registration order (decision 0011). */
export function registerAuditRoutes(app: Api) {
  // The platform routes come first: "platform" in their path is no tenant id.
  registerVerifyPlatformAuditChain(app);
  registerAnchorPlatformAuditChain(app);
  registerListPlatformAuditEvents(app);
  registerAnchorAuditChain(app);
  // Registered before the {eventId} route's siblings so "verify" is never read as an id.
  registerVerifyAuditChain(app);
  registerListTenantAuditEvents(app);
  registerListProjectAuditEvents(app);
  registerGetAuditEvent(app);
}
