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

/**
 * A signed statement "this chain held `count` events ending in `hash` at `anchored_at`", written to a
 * file outside the database so a rewrite of the database cannot move it.
 */
export const AuditAnchor = z.object({
  chain: z.string().describe("tenant id, or `platform` for platform-level events"),
  sequence: z.number().int().describe("chain_seq of the head event when anchored"),
  event_id: z.string(),
  hash: z.string(),
  count: z.number().int().describe("events in the chain when anchored"),
  anchored_at: Timestamp,
  key_id: z.string().describe("which signing key; see the administration guide"),
  signature: z.string().describe("Ed25519 over the canonical JSON of the other fields, base64"),
});
export type AuditAnchor = z.infer<typeof AuditAnchor>;

export const AuditAnchorStatus = z
  .enum(["ok", "missing", "mismatch", "truncated", "bad_signature"])
  .describe(
    "ok: the chain still holds the anchored head; missing: no anchor yet; mismatch: the anchored event has another hash (rewritten); truncated: the anchored event or events before it are gone; bad_signature: the latest anchor line was altered or signed by an unknown key",
  );
export type AuditAnchorStatus = z.infer<typeof AuditAnchorStatus>;

export const AuditAnchorCheck = z.object({
  status: AuditAnchorStatus,
  reason: z.string().nullable(),
  sequence: z.number().int().nullable(),
  event_id: z.string().nullable(),
  hash: z.string().nullable(),
  count: z.number().int().nullable(),
  anchored_at: Timestamp.nullable(),
  key_id: z.string().nullable(),
  not_yet_anchored: z.number().int().describe("events after the anchored one (not yet protected)"),
});
export type AuditAnchorCheck = z.infer<typeof AuditAnchorCheck>;

export const AuditVerifyResult = z.object({
  tenant_id: z.string(),
  intact: z.boolean(),
  checked: z.number().int(),
  first_broken: z
    .object({ event_id: z.string(), chain_seq: z.number().int(), reason: z.string() })
    .nullable(),
  // Optional so clients still read the answer of a server from before anchors; this server always sends it.
  anchor: AuditAnchorCheck.optional().describe("the chain compared with its latest signed anchor"),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;
