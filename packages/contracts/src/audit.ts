import { z } from "zod";
import { ActorType, Timestamp } from "./common.js";

export const AuditEvent = z.object({
  id: z.string(),
  tenant_id: z.string().nullable(),
  project_id: z.string().nullable(),
  actor_type: ActorType,
  actor_id: z.string().nullable(),
  actor_label: z.string().nullable(),
  action: z.string(),
  resource_type: z.string(),
  resource_id: z.string(),
  ip: z.string().nullable(),
  user_agent: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  request_id: z.string().nullable(),
  created_at: Timestamp,
  chain_seq: z.number().int(),
  prev_hash: z.string(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditListQuery = z.object({
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
  actor_type: ActorType.optional(),
  actor_id: z.string().max(100).optional(),
  actor: z.string().max(254).optional().describe("actor email or label, exact"),
  action: z.string().max(100).optional().describe("exact, or a prefix ending in '.' or '*'"),
  resource_type: z.string().max(64).optional(),
  resource_id: z.string().max(100).optional(),
  project_id: z.string().max(100).optional(),
});
export type AuditListQuery = z.infer<typeof AuditListQuery>;

export const AuditVerifyResult = z.object({
  tenant_id: z.string(),
  intact: z.boolean(),
  checked: z.number().int(),
  first_broken: z
    .object({ event_id: z.string(), chain_seq: z.number().int(), reason: z.string() })
    .nullable(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;
