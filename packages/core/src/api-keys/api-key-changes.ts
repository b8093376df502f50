import { notifyChange } from "../changes/notify-change.js";
import type { TxContext } from "../shared/transaction.js";

/**
 * The LISTEN/NOTIFY channel on which every gateway process's `ApiKeyVerifier` hears that a key
 * changed (revoked, rotated, limits or scopes edited) and drops it from its cache. The payload is the
 * key's id, never its digest.
 */
export const API_KEY_CHANNEL = "api_key_changes";

/** Delivered when the caller's transaction commits, so no process reloads the key before the change is visible. */
export async function notifyApiKeyChanged(tx: TxContext, keyId: string): Promise<void> {
  await notifyChange(tx, API_KEY_CHANNEL, keyId);
}
