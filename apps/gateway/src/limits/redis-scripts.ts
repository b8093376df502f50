import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

/**
 * The admission step, atomic in Redis (a script runs alone), so every gateway process sees one
 * count: the day's tokens first (a key over its day is refused without touching its window), then
 * the sliding window — drop what left it, count what is in it, add this request only if there is
 * room. A refused request is never added. Answers `{0}` admitted, `{1, ms}` over the RPM (`ms`
 * until the request whose leaving makes room leaves), `{2, used}` over the daily tokens.
 *
 * KEYS[1] window (sorted set: member per admitted request, score = ms), KEYS[2] the day's tokens.
 * ARGV: now ms, cutoff ms (now − window; scores ≤ it have left), window ms, rpm or "", daily
 * tokens or "", this request's member (unique across processes).
 */
export const ADMIT_SCRIPT = `
if ARGV[5] ~= '' then
  local used = tonumber(redis.call('GET', KEYS[2]) or '0')
  if used >= tonumber(ARGV[5]) then return {2, used} end
end
if ARGV[4] == '' then return {0} end
local rpm = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
local n = redis.call('ZCARD', KEYS[1])
if n >= rpm then
  local freeing = redis.call('ZRANGE', KEYS[1], n - rpm, n - rpm, 'WITHSCORES')
  return {1, tonumber(freeing[2]) + tonumber(ARGV[3]) - tonumber(ARGV[1])}
end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[6])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {0}
`;

/** Adds a response's tokens to the day's counter, which outlives its day by a day (then expires). */
export const CHARGE_SCRIPT = `
redis.call('INCRBY', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1
`;

/** EVALSHA, and EVAL once when Redis does not have the script (a restart, SCRIPT FLUSH). */
export async function runScript(
  redis: Redis,
  script: string,
  keys: string[],
  args: (string | number)[],
): Promise<unknown> {
  const sha = shaOf(script);
  try {
    return await redis.evalsha(sha, keys.length, ...keys, ...args);
  } catch (err) {
    if (!(err instanceof Error) || !err.message.startsWith("NOSCRIPT")) throw err;
    return redis.eval(script, keys.length, ...keys, ...args);
  }
}

const shas = new Map<string, string>();
function shaOf(script: string): string {
  let sha = shas.get(script);
  if (!sha) {
    sha = createHash("sha1").update(script).digest("hex");
    shas.set(script, sha);
  }
  return sha;
}
