import { randomBytes } from "node:crypto";
import { readPrivateKeyFile } from "./private-key-file.js";

/**
 * Loads the 32-byte key that seals stored secrets (an upstream's API key), creating it (mode 0600,
 * base64) on first start. Refuses a key others may read or of the wrong length: it is what keeps a
 * database dump from carrying the secrets in clear, so it lives outside the database.
 */
export function loadSecretsKeyFile(path: string): { key: Buffer; created: boolean } {
  const { text, created } = readPrivateKeyFile(
    path,
    "INFERA_SECRETS_KEY_FILE",
    () => `${randomBytes(32).toString("base64")}\n`,
  );
  const key = Buffer.from(text.trim(), "base64");
  if (key.length !== 32)
    throw new Error(`INFERA_SECRETS_KEY_FILE ${path} must hold 32 bytes in base64 (it holds ${key.length})`);
  return { key, created };
}
