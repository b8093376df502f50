import { API_KEY_SECRET_PREFIX } from "@infera/contracts";
import { newSecret, sha256Hex } from "../shared/crypto.js";

/** `ifr_` and the first 8 characters of the random part: enough to tell keys apart, useless to guess. */
const VISIBLE_PREFIX_LENGTH = API_KEY_SECRET_PREFIX.length + 8;

export interface IssuedApiKeySecret {
  /** Sent once to whoever created or rotated the key; never stored. */
  secret: string;
  /** sha256 of the secret (hex): what the table keeps and the gateway looks up (decision 0026). */
  digest: string;
  prefix: string;
}

/** 256 random bits after `ifr_` (base64url): a fast hash is enough, since nothing here can be guessed. */
export function newApiKeySecret(): IssuedApiKeySecret {
  const secret = newSecret(API_KEY_SECRET_PREFIX);
  return { secret, digest: sha256Hex(secret), prefix: secret.slice(0, VISIBLE_PREFIX_LENGTH) };
}
