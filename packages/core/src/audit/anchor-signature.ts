import { sign, verify } from "node:crypto";
import type { AuditAnchor } from "@infera/contracts";
import { canonicalJson } from "./audit-hash.js";
import type { AuditKeyring } from "./audit-keyring.js";

export type UnsignedAnchor = Omit<AuditAnchor, "key_id" | "signature">;

/** The bytes an anchor's signature covers: every other field, canonical JSON (sorted keys). */
function signedBytes(a: Omit<AuditAnchor, "signature">): Buffer {
  const { signature: _, ...rest } = a as AuditAnchor;
  return Buffer.from(canonicalJson(rest));
}

export function signAnchor(keys: AuditKeyring, body: UnsignedAnchor): AuditAnchor {
  const unsigned = { ...body, key_id: keys.keyId };
  return { ...unsigned, signature: sign(null, signedBytes(unsigned), keys.privateKey).toString("base64") };
}

/** Null when the anchor is as its key signed it; otherwise why it cannot be trusted. */
export function anchorSignatureProblem(keys: AuditKeyring, a: AuditAnchor): string | null {
  const key = keys.publicKeys.get(a.key_id);
  if (!key)
    return `the anchor is signed by key ${a.key_id}, which is not in the key file (a rotated key's public half was not kept, or the line is forged)`;
  let ok = false;
  try {
    ok = verify(null, signedBytes(a), key, Buffer.from(a.signature, "base64"));
  } catch {
    ok = false;
  }
  return ok ? null : "the anchor's signature does not match its content: the anchor line was altered";
}
