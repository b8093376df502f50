import { newId } from "@infera/core";
// The chain's hash function is internal to core; the seeder must compute exactly what recordAudit does.
import { auditHash, GENESIS_HASH } from "@infera/core/audit-hash";
import { type Database, eq, sql, tables } from "@infera/db";

/** How often each kind of change shows up in a busy tenant's history (weights sum to 1000). */
const MIX: { action: string; resourceType: string; weight: number }[] = [
  { action: "project.update", resourceType: "project", weight: 300 },
  { action: "project.member.add", resourceType: "project_member", weight: 150 },
  { action: "project.member.update", resourceType: "project_member", weight: 100 },
  { action: "project.create", resourceType: "project", weight: 80 },
  { action: "project.policy.update", resourceType: "project", weight: 80 },
  { action: "tenant.user.create", resourceType: "tenant_user", weight: 80 },
  { action: "project.service_account.token.issue", resourceType: "service_account", weight: 80 },
  { action: "project.service_account.create", resourceType: "service_account", weight: 50 },
  { action: "project.member.remove", resourceType: "project_member", weight: 50 },
  { action: "tenant.invitation.create", resourceType: "invitation", weight: 25 },
  { action: "project.delete", resourceType: "project", weight: 3 },
  { action: "tenant.update", resourceType: "tenant", weight: 2 },
];

export interface SeedAuditOptions {
  tenantId: string;
  count: number;
  /** Events are spread evenly over [from, to), oldest first (so chain order is time order). */
  from: Date;
  to: Date;
  actors: { id: string; label: string }[];
  projectIds: string[];
  batchSize?: number;
}

/** A deterministic pseudo-random sequence, so every run seeds the same history. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function projectSnapshot(id: string, tenantId: string, n: number, at: Date) {
  return {
    id,
    tenant_id: tenantId,
    name: `service-${n}`,
    env: (["dev", "test", "prod"] as const)[n % 3],
    description: `Project ${n}: ranking, retrieval and evaluation jobs for team ${n % 17}`,
    owner_id: `usr_owner${n % 23}`,
    owner_email: `owner${n % 23}@example.com`,
    created_by: `usr_owner${n % 23}`,
    created_at: new Date(at.getTime() - 86_400_000).toISOString(),
    updated_at: at.toISOString(),
  };
}

/** The row under its column names, as the insert recordAudit makes stores it. */
function columnsOf(e: typeof tables.auditEvents.$inferInsert): Record<string, unknown> {
  return {
    id: e.id,
    chain_key: e.chainKey,
    chain_seq: e.chainSeq,
    tenant_id: e.tenantId,
    project_id: e.projectId,
    actor_type: e.actorType,
    actor_id: e.actorId,
    actor_label: e.actorLabel,
    action: e.action,
    resource_type: e.resourceType,
    resource_id: e.resourceId,
    ip: e.ip,
    user_agent: e.userAgent,
    before: e.before,
    after: e.after,
    request_id: e.requestId,
    created_at: e.createdAt.toISOString(),
    prev_hash: e.prevHash,
    hash: e.hash,
  };
}

/**
 * Appends `count` events to a tenant's audit chain with batched SQL inserts, in the exact row shape
 * recordAudit writes and with the real hash chain (continuing from the chain head), so that verify
 * stays intact. One transaction holds the chain head lock for the whole seed.
 */
export async function seedAuditEvents(db: Database, opts: SeedAuditOptions): Promise<{ lastSeq: number }> {
  const batchSize = opts.batchSize ?? 5000;
  const random = rng(42);
  const totalWeight = MIX.reduce((s, m) => s + m.weight, 0);
  const pick = () => {
    let r = random() * totalWeight;
    for (const m of MIX) {
      r -= m.weight;
      if (r < 0) return m;
    }
    return MIX[0]!;
  };
  const span = opts.to.getTime() - opts.from.getTime();
  const chainKey = opts.tenantId;
  return db.transaction(async (tx) => {
    await tx
      .insert(tables.auditChainHeads)
      .values({ chainKey, lastSeq: 0, lastHash: GENESIS_HASH })
      .onConflictDoNothing();
    const [head] = await tx
      .select()
      .from(tables.auditChainHeads)
      .where(eq(tables.auditChainHeads.chainKey, chainKey))
      .for("update");
    if (!head) throw new Error("audit chain head missing");
    let seq = head.lastSeq;
    let prevHash = head.lastHash;
    for (let done = 0; done < opts.count; ) {
      const rows: Record<string, unknown>[] = [];
      for (const end = Math.min(opts.count, done + batchSize); done < end; done++) {
        const m = pick();
        const createdAt = new Date(opts.from.getTime() + Math.floor((span * done) / opts.count));
        const actor = opts.actors[Math.floor(random() * opts.actors.length)]!;
        const n = Math.floor(random() * opts.projectIds.length);
        const projectId = m.resourceType.startsWith("tenant") ? null : opts.projectIds[n]!;
        const project = projectSnapshot(projectId ?? opts.projectIds[0]!, opts.tenantId, n, createdAt);
        const before = m.action.endsWith(".create") ? null : { ...project, description: "before" };
        const after = m.action.endsWith(".delete") ? null : project;
        seq++;
        const event = {
          id: newId("auditEvent"),
          chainKey,
          chainSeq: seq,
          tenantId: opts.tenantId,
          projectId,
          actorType: "user" as const,
          actorId: actor.id,
          actorLabel: actor.label,
          action: m.action,
          resourceType: m.resourceType,
          resourceId:
            m.resourceType === "project"
              ? (projectId ?? opts.tenantId)
              : m.resourceType === "tenant"
                ? opts.tenantId
                : `${m.resourceType}_${seq}`,
          ip: "10.1.2.3",
          userAgent: "infera-cli/0.1.0",
          before,
          after,
          requestId: `req_${seq.toString(36)}`,
          createdAt,
        };
        const hash = auditHash(prevHash, event);
        rows.push(columnsOf({ ...event, prevHash, hash }));
        prevHash = hash;
      }
      // One JSON parameter per batch: binding tens of thousands of parameters is what makes a
      // multi-row VALUES insert slow, on PGlite most of all.
      await tx.execute(
        sql`insert into audit_events select * from jsonb_populate_recordset(null::audit_events, ${JSON.stringify(rows)}::jsonb)`,
      );
    }
    await tx
      .update(tables.auditChainHeads)
      .set({ lastSeq: seq, lastHash: prevHash })
      .where(eq(tables.auditChainHeads.chainKey, chainKey));
    return { lastSeq: seq };
  });
}
