import type { ProjectRole } from "@infera/contracts";
import type { Database } from "@infera/db";
import type { AuditAnchoring } from "../audit/audit-anchoring.js";
import type { BlobStore } from "../ports/blob-store.js";
import type { PasswordHashCost } from "./crypto.js";
import type { Mailer } from "./mailer.js";

export type Principal =
  | { type: "anonymous" }
  | { type: "user"; userId: string; email: string; isPlatformAdmin: boolean; sessionId: string | null }
  | {
      type: "service_account";
      serviceAccountId: string;
      tokenId: string;
      name: string;
      projectId: string;
      tenantId: string;
      role: ProjectRole;
    };

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface CoreSettings {
  /** Base URL users reach the console at; invitation links start with it. */
  publicUrl: string;
  sessionTtlHours: number;
  tokenTtlDays: number;
  passwordHashCost: PasswordHashCost;
  /** Blobs modified more recently than this are never collected (default 60). */
  blobGcGraceMinutes?: number;
}

/** Everything a verb needs besides its input: who asks, from where, and the ports. */
export interface ServiceContext {
  db: Database;
  principal: Principal;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  now: () => Date;
  settings: CoreSettings;
  log: Logger;
  /** Outgoing mail; absent or disabled when no SMTP server is configured. */
  mailer?: Mailer;
  /** Content-addressed artifact storage; absent where an app wired none. */
  blobs?: BlobStore;
  /** Signing key and anchor log of the audit chains; absent where an app wired none. */
  auditAnchoring?: AuditAnchoring;
  /** Ids of the audit events this request recorded, so a response can point at its audit record. */
  auditTrail?: string[];
}

export const defaultSettings: CoreSettings = {
  publicUrl: "http://127.0.0.1:8080",
  sessionTtlHours: 12,
  tokenTtlDays: 30,
  passwordHashCost: { memoryCost: 19_456, timeCost: 2 },
};
