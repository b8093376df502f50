import { createPublicKey } from "node:crypto";
import { writeFileSync } from "node:fs";
import { AuditKeyError, type AuditKeyring, generateAuditKeyPem, parseAuditKeyring } from "@infera/core";
import { readPrivateKeyFile } from "./private-key-file.js";

/**
 * Loads the audit signing key, creating it (mode 0600, with its public half beside it as `.pub`)
 * on first start. Refuses a key others may read or that is not an Ed25519 key: anchors signed by a
 * key that leaked prove nothing.
 */
export function loadAuditKeyFile(path: string): { keys: AuditKeyring; created: boolean } {
  const { text, created } = readPrivateKeyFile(
    path,
    "INFERA_AUDIT_KEY_FILE",
    generateAuditKeyPem,
    (m) => new AuditKeyError(m),
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
