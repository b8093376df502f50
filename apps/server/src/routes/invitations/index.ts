import type { Api } from "../../http/api.js";
import { registerAcceptInvitation } from "./accept-invitation.js";
import { registerCreateInvitations } from "./create-invitations.js";
import { registerGetInvitationPreview } from "./get-invitation-preview.js";
import { registerListInvitations } from "./list-invitations.js";
import { registerRevokeInvitation } from "./revoke-invitation.js";

/** In this order: Hono matches, and the OpenAPI document lists, in registration order (decision 0011). */
export function registerInvitationRoutes(app: Api) {
  registerListInvitations(app);
  registerCreateInvitations(app);
  registerRevokeInvitation(app);
  registerGetInvitationPreview(app);
  registerAcceptInvitation(app);
}
