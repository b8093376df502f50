import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import type { SecretSealer } from "../ports/secret-sealer.js";

const VERSION = "v1";

/**
 * AES-256-GCM with a random 96-bit nonce per secret: `v1.<key id>.<nonce>.<ciphertext>.<tag>`
 * (base64url). The key id (8 hex of the key's sha256) says which key sealed it, so a rotated or
 * wrong key is reported as such instead of failing as garbage.
 */
export function createAesGcmSealer(key: Buffer): SecretSealer {
  if (key.length !== 32) throw new Error("the secrets key must be 32 bytes");
  const keyId = createHash("sha256").update(key).digest("hex").slice(0, 8);
  return {
    seal(plaintext) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, nonce);
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [
        VERSION,
        keyId,
        nonce.toString("base64url"),
        body.toString("base64url"),
        tag.toString("base64url"),
      ].join(".");
    },
    open(sealed) {
      const [version, id, nonce, body, tag] = sealed.split(".");
      if (version !== VERSION || !nonce || body === undefined || !tag) throw new Error("not a sealed secret");
      if (id !== keyId)
        throw new Error(`sealed with another key (${id}); this installation's key is ${keyId}`);
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString(
        "utf8",
      );
    },
  };
}
