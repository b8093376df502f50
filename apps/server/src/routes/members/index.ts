import type { Api } from "../../http/api.js";
import { registerAddMember } from "./add-member.js";
import { registerListMembers } from "./list-members.js";
import { registerRemoveMember } from "./remove-member.js";
import { registerUpdateMember } from "./update-member.js";

/** In this order: Hono matches, and the OpenAPI document lists, in registration order (decision 0011). */
export function registerMemberRoutes(app: Api) {
  registerListMembers(app);
  registerAddMember(app);
  registerUpdateMember(app);
  registerRemoveMember(app);
}
