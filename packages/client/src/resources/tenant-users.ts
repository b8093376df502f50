import {
  AddTenantUserResult,
  type CreateTenantUserInput,
  single,
  type TenantRole,
  TenantUser,
  type UpdateTenantUserInput,
} from "@infera/contracts";
import type { z } from "zod";
import type { Transport } from "../http.js";
import { scopedListing, seg } from "../pagination.js";

export interface TenantUserFilter {
  role?: TenantRole;
  status?: "active" | "disabled";
}

export function tenantUsersApi(t: Transport) {
  const base = (tenantId: string) => `/tenants/${seg(tenantId)}/users`;
  return {
    /** `list(tenantId)`, `iterate(tenantId)`, `exportCsv(tenantId)`. */
    ...scopedListing<typeof TenantUser, TenantUserFilter>(t, base, TenantUser),
    /**
     * Adds a user to the tenant: `{ outcome: "invited", data: invitation }` (they join when they
     * accept), or, for a platform admin, `{ outcome: "added", data: user }`.
     */
    async create(
      tenantId: string,
      input: z.input<typeof CreateTenantUserInput>,
    ): Promise<AddTenantUserResult> {
      return t.json("POST", base(tenantId), AddTenantUserResult, { body: input });
    },
    /** Changes a user's tenant role, or disables / enables them. */
    async update(
      tenantId: string,
      userId: string,
      input: z.input<typeof UpdateTenantUserInput>,
    ): Promise<TenantUser> {
      const path = `${base(tenantId)}/${seg(userId)}`;
      return (await t.json("PATCH", path, single(TenantUser), { body: input })).data;
    },
    /** Removes the user from the tenant. */
    async remove(tenantId: string, userId: string): Promise<void> {
      await t.empty("DELETE", `${base(tenantId)}/${seg(userId)}`);
    },
  };
}
