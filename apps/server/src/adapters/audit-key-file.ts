import { createPublicKey } from "node:crypto";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { AuditKeyError, type AuditKeyring, generateAuditKeyPem, parseAuditKeyring } from "@infera/core";

/**
 * Loads the audit signing key, creating it (mode 0600, with its public half beside it as `.pub`)
 * on first start. Refuses a key others may read or that is not an Ed25519 key: anchors signed by a
 * key that leaked prove nothing.
 */
export function loadAuditKeyFile(path: string): { keys: AuditKeyring; created: boolean } {
  let created = false;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    mkdirSync(dirname(path), { recursive: true });
    text = generateAuditKeyPem();
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
    throw new AuditKeyError(
      `INFERA_AUDIT_KEY_FILE ${path} may be read by others (mode ${mode.toString(8).padStart(4, "0")}): run chmod 600 ${path}`,
    );
  let keys: AuditKeyring;
  try {
    keys = parseAuditKeyring(text);
  } catch (err) {
    throw new AuditKeyError(`INFERA_AUDIT_KEY_FILE ${path} ${(err as Error).message}`);
  }
  if (created) {
    // The public half, to publish or copy off the machine for offline checks of the anchors.
    const pub = createPublicKey(keys.privateKey).export({ type: "spki", format: "pem" }).toString();
    writeFileSync(`${path}.pub`, pub, { mode: 0o644 });
  }
  return { keys, created };
}
