import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Loads the 32-byte key that seals stored secrets (an upstream's API key), creating it (mode 0600,
 * base64) on first start. Refuses a key others may read or of the wrong length: it is what keeps a
 * database dump from carrying the secrets in clear, so it lives outside the database.
 */
export function loadSecretsKeyFile(path: string): { key: Buffer; created: boolean } {
  let created = false;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    mkdirSync(dirname(path), { recursive: true });
    text = `${randomBytes(32).toString("base64")}\n`;
    try {
      // wx: of two processes starting at once, one writes the key and the other reads it.
      writeFileSync(path, text, { mode: 0o600, flag: "wx" });
      created = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      text = readFileSync(path, "utf8");
    }
  }
  const mode = statSync(path).mode & 0o777;
  if (process.platform !== "win32" && (mode & 0o077) !== 0)
    throw new Error(
      `INFERA_SECRETS_KEY_FILE ${path} may be read by others (mode ${mode.toString(8).padStart(4, "0")}): run chmod 600 ${path}`,
    );
  const key = Buffer.from(text.trim(), "base64");
  if (key.length !== 32)
    throw new Error(`INFERA_SECRETS_KEY_FILE ${path} must hold 32 bytes in base64 (it holds ${key.length})`);
  return { key, created };
}
