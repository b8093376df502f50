/**
 * A gateway process for the limits test: its own admitter on the Redis at INFERA_TEST_REDIS_URL
 * (prefix INFERA_TEST_REDIS_PREFIX) waits until INFERA_TEST_START_AT (epoch ms, so several
 * processes start together), then sends INFERA_TEST_ATTEMPTS admissions of one key with RPM
 * INFERA_TEST_RPM, INFERA_TEST_CONCURRENCY at a time, and prints one JSON line:
 * `{"admitted":n,"refused":n,"retryAfter":[min,max]}`. Run: `node --import tsx hammer-one-key.ts`.
 */
import { createCallAdmitter } from "../create-call-admitter.js";

const env = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};
const warnings: string[] = [];
const admitter = createCallAdmitter({
  redisUrl: env("INFERA_TEST_REDIS_URL"),
  redisPrefix: env("INFERA_TEST_REDIS_PREFIX"),
  redisFailMode: "closed",
  log: { info() {}, warn: (_obj, msg) => warnings.push(msg) },
});
const call = {
  tenantId: "tenant_t",
  projectId: "project_p",
  apiKeyId: env("INFERA_TEST_KEY_ID"),
  serviceId: "service_s",
  revisionId: "revision_r",
  limits: { rpm: Number(env("INFERA_TEST_RPM")), dailyTokens: null },
};
const attempts = Number(env("INFERA_TEST_ATTEMPTS"));
const concurrency = Number(env("INFERA_TEST_CONCURRENCY"));

// Connect before the start line, so the first call is not also the connection's.
await admitter.admit({ ...call, apiKeyId: `${call.apiKeyId}-warmup` });
await new Promise((r) => setTimeout(r, Math.max(0, Number(env("INFERA_TEST_START_AT")) - Date.now())));

let admitted = 0;
let refused = 0;
const retryAfter: number[] = [];
let sent = 0;
const lane = async () => {
  while (sent < attempts) {
    sent += 1;
    const a = await admitter.admit(call);
    if (a.ok) admitted += 1;
    else if (a.code === "rate_limit_exceeded") {
      refused += 1;
      retryAfter.push(a.retryAfterSeconds);
    } else throw new Error(`unexpected refusal: ${a.code} ${a.message}`);
  }
};
await Promise.all(Array.from({ length: concurrency }, lane));
await admitter.close();
process.stdout.write(
  `${JSON.stringify({ admitted, refused, retryAfter: [Math.min(...retryAfter), Math.max(...retryAfter)], warnings })}\n`,
);
