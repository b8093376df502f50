import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

/**
 * A worker's lease owner name: the machine and process (so a person reading `lease_owner` knows where
 * an attempt ran), plus a random part, so a restarted process with a reused pid is someone else.
 */
export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}
