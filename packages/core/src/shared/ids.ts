import { randomFillSync } from "node:crypto";
import { type IdKind, idPrefixes } from "@infera/contracts";
import { monotonicFactory } from "ulid";

/**
 * ulid's own generator asks the OS for one random byte per character (16 calls per id); the gateway
 * makes an id per call, so the bytes are drawn 4 KiB at a time instead — still crypto-random.
 */
const pool = new Uint8Array(4096);
let next = pool.length;
function pooledRandom(): number {
  if (next === pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  return pool[next++]! / 256;
}

const ulid = monotonicFactory(pooledRandom);

/** A new opaque, time-ordered id such as `proj_01j9…`. */
export function newId(kind: IdKind): string {
  return `${idPrefixes[kind]}_${ulid().toLowerCase()}`;
}
