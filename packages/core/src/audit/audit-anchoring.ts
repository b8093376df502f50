import type { AuditAnchorLog } from "../ports/audit-anchor-log.js";
import type { AuditKeyring } from "./audit-keyring.js";

/** What anchoring needs: the key that signs and the log outside the database that keeps anchors. */
export interface AuditAnchoring {
  keys: AuditKeyring;
  log: AuditAnchorLog;
}
