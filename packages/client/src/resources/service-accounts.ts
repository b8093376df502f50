import {
  type CreateServiceAccountInput,
  IssuedToken,
  type IssueTokenInput,
  ServiceAccount,
  single,
  type UpdateServiceAccountInput,
} from "@infera/contracts";
import type { z } from "zod";
import type { Transport } from "../http.js";
import { scopedListing, seg } from "../pagination.js";

export interface ServiceAccountFilter {
  status?: "active" | "disabled";
}

export function serviceAccountsApi(t: Transport) {
  const base = (projectId: string) => `/projects/${seg(projectId)}/service-accounts`;
  const one = (projectId: string, id: string) => `${base(projectId)}/${seg(id)}`;
  return {
    /** `list(projectId)`, `iterate(projectId)`, `exportCsv(projectId)`. */
    ...scopedListing<typeof ServiceAccount, ServiceAccountFilter>(t, base, ServiceAccount),
    async create(
      projectId: string,
      input: z.input<typeof CreateServiceAccountInput>,
    ): Promise<ServiceAccount> {
      return (await t.json("POST", base(projectId), single(ServiceAccount), { body: input })).data;
    },
    /** Renames, changes the role or note, disables or enables the account. */
    async update(
      projectId: string,
      serviceAccountId: string,
      input: z.input<typeof UpdateServiceAccountInput>,
    ): Promise<ServiceAccount> {
      const path = one(projectId, serviceAccountId);
      return (await t.json("PATCH", path, single(ServiceAccount), { body: input })).data;
    },
    async delete(projectId: string, serviceAccountId: string): Promise<void> {
      await t.empty("DELETE", one(projectId, serviceAccountId));
    },
    /** Issues a token (shown once in the answer); `revoke_existing` rotates: the others stop working. */
    async issueToken(
      projectId: string,
      serviceAccountId: string,
      input: z.input<typeof IssueTokenInput> = {},
    ): Promise<IssuedToken> {
      const path = `${one(projectId, serviceAccountId)}/tokens`;
      return (await t.json("POST", path, single(IssuedToken), { body: input })).data;
    },
  };
}
