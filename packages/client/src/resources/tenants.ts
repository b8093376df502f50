import { type CreateTenantInput, single, Tenant, type UpdateTenantInput } from "@infera/contracts";
import type { z } from "zod";
import type { Transport } from "../http.js";
import { listing, seg } from "../pagination.js";

export function tenantsApi(t: Transport) {
  return {
    /** The tenants you belong to (all of them for the platform admin). */
    ...listing(t, "/tenants", Tenant),
    async get(tenantId: string): Promise<Tenant> {
      return (await t.json("GET", `/tenants/${seg(tenantId)}`, single(Tenant))).data;
    },
    /** Platform admin only. */
    async create(input: z.input<typeof CreateTenantInput>): Promise<Tenant> {
      return (await t.json("POST", "/tenants", single(Tenant), { body: input })).data;
    },
    async update(tenantId: string, input: z.input<typeof UpdateTenantInput>): Promise<Tenant> {
      return (await t.json("PATCH", `/tenants/${seg(tenantId)}`, single(Tenant), { body: input })).data;
    },
  };
}
