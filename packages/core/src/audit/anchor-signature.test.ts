import { createPublicKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import { anchorSignatureProblem, signAnchor } from "./anchor-signature.js";
import { generateAuditKeyPem, parseAuditKeyring } from "./audit-keyring.js";

const body = {
  chain: "ten_1",
  sequence: 12,
  event_id: "aud_12",
  hash: "a".repeat(64),
  count: 12,
  anchored_at: "2026-01-02T03:04:05.678Z",
};

describe("anchor signatures", () => {
  const keys = parseAuditKeyring(generateAuditKeyPem());

  it("accepts an anchor as signed, and reports any altered field", () => {
    const a = signAnchor(keys, body);
    expect(a.key_id).toBe(keys.keyId);
    expect(anchorSignatureProblem(keys, a)).toBeNull();
    for (const altered of [
      { ...a, sequence: 11 },
      { ...a, hash: "b".repeat(64) },
      { ...a, count: 13 },
      { ...a, chain: "ten_2" },
      { ...a, anchored_at: "2026-01-02T03:04:05.679Z" },
      { ...a, signature: "" },
    ]) {
      expect(anchorSignatureProblem(keys, altered)).toMatch(/altered/);
    }
  });

  it("reports an anchor signed by a key not in the key file, and keeps trusting a retired key kept there", () => {
    const old = parseAuditKeyring(generateAuditKeyPem());
    const a = signAnchor(old, body);
    expect(anchorSignatureProblem(keys, a)).toMatch(/not in the key file/);
    const retiredPub = createPublicKey(old.privateKey).export({ type: "spki", format: "pem" }).toString();
    const rotated = parseAuditKeyring(`${retiredPub}\n${generateAuditKeyPem()}`);
    expect(rotated.keyId).not.toBe(old.keyId);
    expect(anchorSignatureProblem(rotated, a)).toBeNull();
    expect(signAnchor(rotated, body).key_id).toBe(rotated.keyId);
  });

  it("refuses key files without exactly one Ed25519 private key", () => {
    expect(() => parseAuditKeyring("")).toThrow(/exactly one/);
    expect(() => parseAuditKeyring(generateAuditKeyPem() + generateAuditKeyPem())).toThrow(/found 2/);
    expect(() => parseAuditKeyring("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")).toThrow(
      /not a readable/,
    );
  });
});
