/**
 * The gateway's key check (issue 12): `ApiKeyVerifier.verify()` with the key cached, against a
 * baseline measured in the same run — a bare `Map` lookup of the key's sha256, the least any check
 * of a hashed key can do — and `verify()` when the key is not cached (one indexed lookup on the
 * database, PGlite on disk: the default deployment). Also a flood of unknown keys: how many reach
 * the database the first time and when they are sent again.
 *
 *   npx tsx bench/api-key-verify.ts
 */
import { createHash, randomBytes } from "node:crypto";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import {
  type ApiKeyDirectory,
  ApiKeyVerifier,
  databaseApiKeyDirectory,
  newId,
  type VerifiedApiKey,
} from "@infera/core";
import { tables } from "@infera/db";
import { openBenchDatabase } from "./lib/bench-server.js";
import { writeSection } from "./lib/benchmarks-md.js";
import { percentile } from "./lib/measure.js";

const DOC = fileURLToPath(new URL("../docs/benchmarks.md", import.meta.url));
const KEYS = 2_000;
const CACHED_CALLS = 300_000;
const UNCACHED_CALLS = 3_000;
const FLOOD = 10_000;
const log = (s: string) => process.stdout.write(`${s}\n`);

const newSecret = () => `ifr_${randomBytes(32).toString("base64url")}`;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

const db = await openBenchDatabase("pglite", "");
try {
  const tenantId = newId("tenant");
  const projectId = newId("project");
  await db.db.insert(tables.tenants).values({ id: tenantId, name: `bench ${tenantId}` });
  await db.db.insert(tables.projects).values({ id: projectId, tenantId, name: "bench", env: "dev" });
  const secrets = Array.from({ length: KEYS }, newSecret);
  const now = new Date();
  await db.db.insert(tables.apiKeys).values(
    secrets.map((secret, i) => ({
      id: newId("apiKey"),
      tenantId,
      projectId,
      name: `key-${i}`,
      scopes: ["inference:invoke"],
      secretDigest: sha256(secret),
      prefix: secret.slice(0, 12),
      rpmLimit: 600,
      createdAt: now,
      updatedAt: now,
    })),
  );

  const lookups = { n: 0 };
  const inner = databaseApiKeyDirectory(db.db);
  const directory: ApiKeyDirectory = {
    findByDigest: (d) => {
      lookups.n += 1;
      return inner.findByDigest(d);
    },
    recordLastUsed: (u) => inner.recordLastUsed(u),
  };
  const changes = { listen: db.listen };

  // Baseline: what any check of a hashed key costs at least — the hash and one Map lookup.
  const map = new Map<string, VerifiedApiKey>();
  for (const s of secrets)
    map.set(sha256(s), {
      id: s,
      name: "k",
      projectId,
      tenantId,
      scopes: ["inference:invoke"],
      limits: { rpm: 600, dailyTokens: null },
    });
  const cached = new ApiKeyVerifier({ directory, changes });
  await cached.start();
  for (const s of secrets) await cached.verify(`Bearer ${s}`);

  const perCallNs = async (fn: (i: number) => unknown) => {
    for (let i = 0; i < 20_000; i++) await fn(i);
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < CACHED_CALLS; i++) await fn(i);
    return Number(process.hrtime.bigint() - t0) / CACHED_CALLS;
  };
  const lookupsBefore = lookups.n;
  // Alternated rounds, so a slower phase of a busy machine does not fall on one side only.
  const base: number[] = [];
  const ours: number[] = [];
  for (let round = 0; round < 3; round++) {
    base.push(
      await perCallNs((i) => {
        const bearer = `Bearer ${secrets[i % KEYS]}`;
        const found = map.get(sha256(bearer.slice(7)));
        if (!found) throw new Error("baseline lost a key");
      }),
    );
    ours.push(
      await perCallNs(async (i) => {
        const r = await cached.verify(`Bearer ${secrets[i % KEYS]}`);
        if (!r.ok) throw new Error(`refused: ${r.code}`);
      }),
    );
  }
  const baseNs = Math.min(...base);
  const oursNs = Math.min(...ours);
  const hotLookups = lookups.n - lookupsBefore;
  await cached.close();

  // Uncached: a cache of one key, cycling through all of them, so every call is a miss.
  const cold = new ApiKeyVerifier({ directory, changes, maxKeys: 1 });
  await cold.start();
  const coldMs: number[] = [];
  for (let i = 0; i < 200; i++) await cold.verify(secrets[i % KEYS]!);
  const coldBefore = lookups.n;
  for (let i = 0; i < UNCACHED_CALLS; i++) {
    const t0 = process.hrtime.bigint();
    const r = await cold.verify(secrets[(i * 7 + 1) % KEYS]!);
    coldMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (!r.ok) throw new Error(`refused: ${r.code}`);
  }
  const coldLookups = lookups.n - coldBefore;
  await cold.close();
  coldMs.sort((a, b) => a - b);

  // A flood of distinct unknown keys, then the same keys again.
  const flood = Array.from({ length: FLOOD }, newSecret);
  const guard = new ApiKeyVerifier({ directory, changes, maxUnknown: FLOOD, unknownTtlMs: 3_600_000 });
  await guard.start();
  let before = lookups.n;
  for (const k of flood) await guard.verify(k);
  const firstPass = lookups.n - before;
  before = lookups.n;
  for (const k of flood) await guard.verify(k);
  const secondPass = lookups.n - before;
  before = lookups.n;
  for (let i = 0; i < FLOOD; i++) await guard.verify(`ifr_not-even-well-formed-${i}`);
  const malformed = lookups.n - before;
  await guard.close();

  const fmt = (n: number, d = 2) => n.toFixed(d);
  const body = `Run ${new Date().toISOString().slice(0, 10)} on ${cpus().length} CPU(s) (${cpus()[0]?.model.trim() ?? "unknown"}), Node ${process.version}; \`npx tsx bench/api-key-verify.ts\`. ${KEYS} keys in an on-disk PGlite.

| figure | per call | note |
|---|---|---|
| baseline: \`Map.get(sha256(key))\` | ${fmt(baseNs / 1000)} µs | the least a check of a hashed key costs |
| \`verify()\`, key cached | ${fmt(oursNs / 1000)} µs | **${fmt(oursNs / baseNs)}×** the baseline; ${hotLookups} database lookups in ${3 * (CACHED_CALLS + 20_000)} calls, all background reloads of keys cached over 60 s, none awaited by a call |
| \`verify()\`, key not cached (p50 / p99) | ${fmt(percentile(coldMs, 50), 3)} / ${fmt(percentile(coldMs, 99), 3)} ms | one indexed lookup each (${coldLookups} lookups for ${UNCACHED_CALLS} calls) |

Unknown keys: ${FLOOD} distinct well-formed ones cost ${firstPass} lookups the first time and ${secondPass} sent again (negative cache of ${FLOOD}, an hour here; 60 s by default); ${FLOOD} malformed ones cost ${malformed}.
For comparison, GPUStack verified every call with argon2 (about 30 ms): the cached check here is ${fmt(30 / (oursNs / 1e6), 0)}× faster than that, and even a cache miss is ${fmt(30 / percentile(coldMs, 50), 0)}× faster (decision 0026).
The cached path is a sha256 and a Map lookup plus a \`Promise\`; the ratio is what the verifier adds to that (format check, expiry and revocation, last-use bookkeeping).`;
  log(body);
  writeSection(DOC, "## API key verification (issue 12)", body);
  log("\nwritten to docs/benchmarks.md");
} finally {
  await db.close();
}
