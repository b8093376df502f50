import {
  AcceptedInvitation,
  type AcceptInvitationInput,
  type CreateInvitationsInput,
  CreateInvitationsResult,
  Invitation,
  InvitationPreview,
  type InvitationStatus,
  single,
} from "@infera/contracts";
import type { z } from "zod";
import type { Transport } from "../http.js";
import { scopedListing, seg } from "../pagination.js";

export interface InvitationFilter {
  status?: z.infer<typeof InvitationStatus>;
}

export function invitationsApi(t: Transport) {
  const base = (tenantId: string) => `/tenants/${seg(tenantId)}/invitations`;
  return {
    /** `list(tenantId)`, `iterate(tenantId)`, `exportCsv(tenantId)`. */
    ...scopedListing<typeof Invitation, InvitationFilter>(t, base, Invitation),
    /** Invites a batch of emails; each invitation's token and link are in this answer only. */
    async create(
      tenantId: string,
      input: z.input<typeof CreateInvitationsInput>,
    ): Promise<CreateInvitationsResult> {
      return t.json("POST", base(tenantId), CreateInvitationsResult, { body: input });
    },
    async revoke(tenantId: string, invitationId: string): Promise<Invitation> {
      const path = `${base(tenantId)}/${seg(invitationId)}/revoke`;
      return (await t.json("POST", path, single(Invitation), { body: {} })).data;
    },
    /** Public: what the invitation link is for, before the invitee signs in. */
    async preview(token: string): Promise<InvitationPreview> {
      return (await t.json("GET", `/invitations/${seg(token)}`, single(InvitationPreview))).data;
    },
    /** Public: accepts the invitation, creating the account when the email has none (give a password). */
    async accept(
      token: string,
      input: z.input<typeof AcceptInvitationInput> = {},
    ): Promise<AcceptedInvitation> {
      const path = `/invitations/${seg(token)}/accept`;
      return (await t.json("POST", path, single(AcceptedInvitation), { body: input })).data;
    },
  };
}
