import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

export interface PasswordHashCost {
  memoryCost: number;
  timeCost: number;
}
/** OWASP's argon2id baseline: 19 MiB, 2 iterations. */
export const defaultPasswordHashCost: PasswordHashCost = { memoryCost: 19_456, timeCost: 2 };

export function hashPassword(password: string, cost: PasswordHashCost = defaultPasswordHashCost) {
  return hash(password, { ...cost, parallelism: 1 });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A random secret with a readable prefix; only its sha256 is ever stored. */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
