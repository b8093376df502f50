import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from "node:crypto";

/** The key that signs new anchors, and every public key whose older anchors are still trusted. */
export interface AuditKeyring {
  keyId: string;
  privateKey: KeyObject;
  /** By key id: the signing key's public half and the retired ones kept in the key file. */
  publicKeys: ReadonlyMap<string, KeyObject>;
}

export class AuditKeyError extends Error {}

/** A short, stable name of a public key: what anchors record so a rotated key can still be told apart. */
export function auditKeyId(publicKey: KeyObject): string {
  return createHash("sha256")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest("hex")
    .slice(0, 16);
}

/** A fresh Ed25519 signing key as PKCS#8 PEM (the key file's format). */
export function generateAuditKeyPem(): string {
  const { privateKey } = generateKeyPairSync("ed25519");
  return privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

const BLOCK = /-----BEGIN (PRIVATE KEY|PUBLIC KEY)-----[\s\S]*?-----END \1-----/g;

/**
 * Reads a key file: exactly one Ed25519 PRIVATE KEY (signs new anchors) and any number of PUBLIC
 * KEY blocks (retired keys, kept so anchors they signed still verify after a rotation).
 */
export function parseAuditKeyring(pem: string): AuditKeyring {
  const blocks = [...pem.matchAll(BLOCK)];
  const privates = blocks.filter((b) => b[1] === "PRIVATE KEY");
  if (privates.length !== 1)
    throw new AuditKeyError(
      `needs exactly one "BEGIN PRIVATE KEY" block (Ed25519, PKCS#8 PEM); found ${privates.length}`,
    );
  const publicKeys = new Map<string, KeyObject>();
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(privates[0]![0]);
  } catch {
    throw new AuditKeyError("its PRIVATE KEY block is not a readable PKCS#8 key");
  }
  if (privateKey.asymmetricKeyType !== "ed25519")
    throw new AuditKeyError(`its private key is ${privateKey.asymmetricKeyType}, not ed25519`);
  for (const b of blocks.filter((x) => x[1] === "PUBLIC KEY")) {
    let key: KeyObject;
    try {
      key = createPublicKey(b[0]);
    } catch {
      throw new AuditKeyError("one of its PUBLIC KEY blocks is not a readable SPKI key");
    }
    if (key.asymmetricKeyType !== "ed25519")
      throw new AuditKeyError(`a retired public key is ${key.asymmetricKeyType}, not ed25519`);
    publicKeys.set(auditKeyId(key), key);
  }
  const own = createPublicKey(privateKey);
  const keyId = auditKeyId(own);
  publicKeys.set(keyId, own);
  return { keyId, privateKey, publicKeys };
}
