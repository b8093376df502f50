import { createHash } from "node:crypto";
import type { ApiKeyScope } from "@infera/contracts";
import type { ApiKeyDirectory, ApiKeyRecord } from "../ports/api-key-directory.js";
import type { ChangeFeed } from "../ports/change-feed.js";
import type { Logger } from "../shared/context.js";
import { API_KEY_CHANNEL } from "./api-key-changes.js";

/** `ifr_` and 32 random bytes in base64url: anything else is refused before it is hashed or looked up. */
const WELL_FORMED = /^ifr_[A-Za-z0-9_-]{43}$/;
const BEARER = /^bearer\s+/i;

export type ApiKeyRefusal = "invalid" | "revoked" | "expired";

export interface VerifiedApiKey {
  id: string;
  name: string;
  projectId: string;
  tenantId: string;
  scopes: readonly ApiKeyScope[];
  limits: { rpm: number | null; dailyTokens: number | null };
}

export type ApiKeyVerification = { ok: true; key: VerifiedApiKey } | { ok: false; code: ApiKeyRefusal };

export interface ApiKeyVerifierOptions {
  directory: ApiKeyDirectory;
  /** LISTEN/NOTIFY: how a revoke or an edit in any process reaches this one's cache. */
  changes: ChangeFeed;
  now?: () => Date;
  log?: Logger;
  /** Known keys kept at most (oldest loaded dropped first). */
  maxKeys?: number;
  /** Unknown digests remembered at most, so the same wrong key sent again costs no query. */
  maxUnknown?: number;
  /** How long an unknown digest is remembered. */
  unknownTtlMs?: number;
  /**
   * A cached key older than this is reloaded in the background (the answer still comes from the
   * cache): the backstop for a notification lost while the LISTEN connection was down.
   */
  refreshAfterMs?: number;
  /** At most one last-used write per this interval, carrying every key used since the last one. */
  lastUsedEveryMs?: number;
}

interface Known {
  record: ApiKeyRecord;
  verified: VerifiedApiKey;
  loadedAt: number;
}

/**
 * The gateway's key check. The hot path is a sha256 and a Map lookup: known keys (revoked ones too)
 * and recently seen unknown digests are answered from memory; only a digest seen for the first
 * time is looked up in the directory (one lookup per digest however many requests wait for it).
 * Changes reach every process through LISTEN/NOTIFY on `api_key_changes` (sent in the changing
 * transaction, delivered at commit): the key is dropped and the next request reloads it. Last use
 * is collected in memory and written in one batch at most every `lastUsedEveryMs`, triggered by
 * traffic (no timer) and on close; a process killed with -9 loses at most that interval of it.
 */
export class ApiKeyVerifier {
  private readonly directory: ApiKeyDirectory;
  private readonly changes: ChangeFeed;
  /** Milliseconds since the epoch: Date.now unless a clock is given (no Date allocated per call). */
  private readonly nowMs: () => number;
  private readonly log: Logger | undefined;
  private readonly maxKeys: number;
  private readonly maxUnknown: number;
  private readonly unknownTtlMs: number;
  private readonly refreshAfterMs: number;
  private readonly lastUsedEveryMs: number;

  private readonly known = new Map<string, Known>();
  private readonly digestOfId = new Map<string, string>();
  /** digest → time (ms) until which it is answered `invalid` without a lookup. */
  private readonly unknown = new Map<string, number>();
  private readonly loading = new Map<string, Promise<ApiKeyRecord | null>>();
  /** Bumped by every change notification: a lookup that started before it is not cached. */
  private epoch = 0;
  /** key id → last use (ms), turned into Dates only when written. */
  private lastUsed = new Map<string, number>();
  private lastUsedFlushedAt = 0;
  private flushing: Promise<void> | null = null;
  private unlisten: (() => Promise<void>) | null = null;

  constructor(opts: ApiKeyVerifierOptions) {
    this.directory = opts.directory;
    this.changes = opts.changes;
    const clock = opts.now;
    this.nowMs = clock ? () => clock().getTime() : Date.now;
    this.log = opts.log;
    this.maxKeys = opts.maxKeys ?? 100_000;
    this.maxUnknown = opts.maxUnknown ?? 10_000;
    this.unknownTtlMs = opts.unknownTtlMs ?? 60_000;
    this.refreshAfterMs = opts.refreshAfterMs ?? 60_000;
    this.lastUsedEveryMs = opts.lastUsedEveryMs ?? 30_000;
  }

  /** Starts listening for changes; call before serving requests. */
  async start(): Promise<void> {
    if (this.unlisten) return;
    this.unlisten = await this.changes.listen(API_KEY_CHANNEL, (keyId) => this.forget(keyId));
  }

  /** Stops listening and writes the last uses still held. */
  async close(): Promise<void> {
    const unlisten = this.unlisten;
    this.unlisten = null;
    await unlisten?.();
    await this.flushLastUsed();
  }

  /** `Authorization` header value (`Bearer ifr_…`) or the bare key. */
  async verify(bearer: string | null | undefined): Promise<ApiKeyVerification> {
    const token = bearer ? bearer.replace(BEARER, "") : "";
    if (!WELL_FORMED.test(token)) return INVALID;
    const digest = createHash("sha256").update(token).digest("hex");
    const nowMs = this.nowMs();
    const hit = this.known.get(digest);
    if (hit) {
      if (nowMs - hit.loadedAt > this.refreshAfterMs) void this.load(digest).catch(() => {});
      return this.decide(hit, nowMs);
    }
    const unknownUntil = this.unknown.get(digest);
    if (unknownUntil !== undefined) {
      if (unknownUntil > nowMs) return INVALID;
      this.unknown.delete(digest);
    }
    const record = await this.load(digest);
    const loaded = this.known.get(digest);
    if (loaded) return this.decide(loaded, this.nowMs());
    // Not cached (a change arrived mid-lookup): decide on what was read, once.
    return record ? this.decide(toKnown(record, nowMs), nowMs) : INVALID;
  }

  /** Writes the collected last uses now (the gateway's shutdown, tests). */
  async flushLastUsed(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.lastUsed.size === 0) return;
    const batch = this.lastUsed;
    this.lastUsed = new Map();
    this.lastUsedFlushedAt = this.nowMs();
    const uses = new Map([...batch].map(([id, at]) => [id, new Date(at)] as const));
    this.flushing = this.directory
      .recordLastUsed(uses)
      .catch((err) => {
        // Kept for the next write unless a newer use replaced it meanwhile.
        for (const [id, at] of batch) if (!this.lastUsed.has(id)) this.lastUsed.set(id, at);
        this.log?.warn({ err: String(err), keys: batch.size }, "api key last-used write failed");
      })
      .finally(() => {
        this.flushing = null;
      });
    await this.flushing;
  }

  /** How much is cached (tests and metrics). */
  cacheSizes(): { keys: number; unknown: number } {
    return { keys: this.known.size, unknown: this.unknown.size };
  }

  private decide(entry: Known, nowMs: number): ApiKeyVerification {
    const r = entry.record;
    if (r.revokedAt) return REVOKED;
    if (r.expiresAt && r.expiresAt.getTime() <= nowMs) return EXPIRED;
    this.lastUsed.set(r.id, nowMs);
    if (nowMs - this.lastUsedFlushedAt >= this.lastUsedEveryMs && !this.flushing) void this.flushLastUsed();
    return { ok: true, key: entry.verified };
  }

  /** One lookup per digest at a time; cached unless a change notification arrived meanwhile. */
  private load(digest: string): Promise<ApiKeyRecord | null> {
    const pending = this.loading.get(digest);
    if (pending) return pending;
    const epoch = this.epoch;
    const run = this.directory
      .findByDigest(digest)
      .then((record) => {
        if (epoch === this.epoch) this.remember(digest, record);
        return record;
      })
      .finally(() => this.loading.delete(digest));
    this.loading.set(digest, run);
    return run;
  }

  private remember(digest: string, record: ApiKeyRecord | null) {
    const nowMs = this.nowMs();
    if (!record) {
      this.forgetDigest(digest);
      this.unknown.delete(digest);
      this.unknown.set(digest, nowMs + this.unknownTtlMs);
      // A Map iterates in insertion order: the first entry is the oldest.
      while (this.unknown.size > this.maxUnknown) this.unknown.delete(this.unknown.keys().next().value!);
      return;
    }
    this.known.delete(digest);
    this.known.set(digest, toKnown(record, nowMs));
    this.digestOfId.set(record.id, digest);
    while (this.known.size > this.maxKeys) this.forgetDigest(this.known.keys().next().value!);
  }

  private forget(keyId: string) {
    this.epoch += 1;
    const digest = this.digestOfId.get(keyId);
    if (digest) this.forgetDigest(digest);
  }

  private forgetDigest(digest: string) {
    const entry = this.known.get(digest);
    if (!entry) return;
    this.known.delete(digest);
    this.digestOfId.delete(entry.record.id);
  }
}

const INVALID: ApiKeyVerification = Object.freeze({ ok: false, code: "invalid" });
const REVOKED: ApiKeyVerification = Object.freeze({ ok: false, code: "revoked" });
const EXPIRED: ApiKeyVerification = Object.freeze({ ok: false, code: "expired" });

function toKnown(record: ApiKeyRecord, loadedAt: number): Known {
  return {
    record,
    loadedAt,
    verified: Object.freeze({
      id: record.id,
      name: record.name,
      projectId: record.projectId,
      tenantId: record.tenantId,
      scopes: Object.freeze([...record.scopes]),
      limits: Object.freeze({ rpm: record.rpmLimit, dailyTokens: record.dailyTokenLimit }),
    }),
  };
}
