import { and, asc, type Executor, eq, gt, lte, tables } from "@infera/db";
import { auditHash } from "./audit-hash.js";

const BATCH = 2000;

export interface ChainWalk {
  /** Events checked (their link and content matched). */
  checked: number;
  /** The last good event: where the next link must start. */
  lastSeq: number;
  lastHash: string;
  lastId: string | null;
  broken: { event_id: string; chain_seq: number; reason: string } | null;
}

/**
 * Recomputes a chain's hashes from a known point (the genesis, or an anchored event) up to `untilSeq`
 * (or its end), stopping at the first event whose sequence skips, whose link does not follow its
 * predecessor, or whose content does not match its hash.
 */
export async function walkChain(
  exec: Executor,
  chainKey: string,
  from: { seq: number; hash: string; id?: string | null },
  untilSeq?: number,
): Promise<ChainWalk> {
  const t = tables.auditEvents;
  const walk: ChainWalk = {
    checked: 0,
    lastSeq: from.seq,
    lastHash: from.hash,
    lastId: from.id ?? null,
    broken: null,
  };
  for (;;) {
    const rows = await exec
      .select()
      .from(t)
      .where(
        and(
          eq(t.chainKey, chainKey),
          gt(t.chainSeq, walk.lastSeq),
          untilSeq === undefined ? undefined : lte(t.chainSeq, untilSeq),
        ),
      )
      .orderBy(asc(t.chainSeq))
      .limit(BATCH);
    for (const r of rows) {
      const expected = walk.lastSeq + 1;
      const reason =
        r.chainSeq !== expected
          ? `event ${expected} is missing (found ${r.chainSeq} next)`
          : r.prevHash !== walk.lastHash
            ? "link to the previous event does not match"
            : auditHash(walk.lastHash, r) !== r.hash
              ? "content does not match its hash (edited)"
              : null;
      if (reason) {
        walk.broken = { event_id: r.id, chain_seq: r.chainSeq, reason };
        return walk;
      }
      walk.lastSeq = r.chainSeq;
      walk.lastHash = r.hash;
      walk.lastId = r.id;
      walk.checked++;
    }
    if (rows.length < BATCH) return walk;
  }
}
