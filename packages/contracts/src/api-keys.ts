import { z } from "zod";
import { freeText, nameField, Timestamp } from "./common.js";

/** What an API key may do at the gateway (seed 000 §4.3.8). */
export const ApiKeyScope = z.enum(["inference:invoke", "metrics:read", "logs:read"]);
export type ApiKeyScope = z.infer<typeof ApiKeyScope>;
export const API_KEY_SCOPES = ApiKeyScope.options;

/** Not stored: revoked when revoked_at is set, expired once expires_at has passed, active otherwise. */
export const ApiKeyStatus = z.enum(["active", "revoked", "expired"]);
export type ApiKeyStatus = z.infer<typeof ApiKeyStatus>;

/** Every secret starts with this, so leaked keys are recognizable (secret scanners, logs). */
export const API_KEY_SECRET_PREFIX = "ifr_";

/** An API key as the API shows it: never its secret, only the first characters of it. */
export const ApiKey = z.object({
  id: z.string(),
  project_id: z.string(),
  name: z.string(),
  note: z.string(),
  scopes: z.array(ApiKeyScope),
  prefix: z.string().describe("the secret's first characters (ifr_…), to tell keys apart"),
  rpm_limit: z.number().int().nullable().describe("requests per minute; null = no limit"),
  daily_token_limit: z.number().int().nullable().describe("tokens per UTC day; null = no limit"),
  expires_at: Timestamp.nullable(),
  status: ApiKeyStatus,
  revoked_at: Timestamp.nullable(),
  rotated_from_id: z.string().nullable().describe("the key this one replaced by a rotation"),
  last_used_at: Timestamp.nullable().describe("updated within about a minute of use, not per call"),
  created_by: z.string().nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type ApiKey = z.infer<typeof ApiKey>;

/** The answer of create and rotate: the only time the secret is ever sent. */
export const ApiKeyWithSecret = ApiKey.extend({
  secret: z.string().describe("the key (ifr_…); shown this once, stored only as its SHA-256"),
});
export type ApiKeyWithSecret = z.infer<typeof ApiKeyWithSecret>;

const Scopes = z
  .array(ApiKeyScope)
  .min(1, "give at least one scope")
  .transform((s) => [...new Set(s)]);
const Limit = (what: string) =>
  z
    .number()
    .int()
    .min(1)
    .max(2_000_000_000)
    .nullable()
    .describe(`${what}; a positive integer, or null for no limit`);
const ExpiresAt = z
  .string()
  .datetime({ offset: true })
  .nullable()
  .describe("RFC 3339 time the key stops working; null = never");

export const CreateApiKeyInput = z
  .object({
    name: nameField(1, 64),
    scopes: Scopes.default(["inference:invoke"]),
    expires_at: ExpiresAt.default(null),
    rpm_limit: Limit("requests per minute").default(null),
    daily_token_limit: Limit("tokens per UTC day").default(null),
    note: freeText(500).default(""),
  })
  .strict();
export type CreateApiKeyInput = z.infer<typeof CreateApiKeyInput>;

export const UpdateApiKeyInput = z
  .object({
    name: nameField(1, 64).optional(),
    scopes: Scopes.optional(),
    expires_at: ExpiresAt.optional(),
    rpm_limit: Limit("requests per minute").optional(),
    daily_token_limit: Limit("tokens per UTC day").optional(),
    note: freeText(500).optional(),
  })
  .strict();
export type UpdateApiKeyInput = z.infer<typeof UpdateApiKeyInput>;

export const RotateApiKeyInput = z
  .object({
    keep_old: z
      .boolean()
      .default(false)
      .describe("true: the old key keeps working until it is revoked; false (default): revoked now"),
    expires_at: ExpiresAt.optional().describe(
      "the new key's expiry (null: never); default the old key's, which must then still be in the future",
    ),
  })
  .strict();
export type RotateApiKeyInput = z.infer<typeof RotateApiKeyInput>;

export const RevokeApiKeyInput = z
  .object({ confirm_name: z.string().max(200).describe("the key's name, typed by the user") })
  .strict();
export type RevokeApiKeyInput = z.infer<typeof RevokeApiKeyInput>;

/** Days ahead that `expiring=true` looks (the console's "expiring soon" filter). */
export const API_KEY_EXPIRING_DAYS = 7;

export const ApiKeyListQuery = z.object({
  status: ApiKeyStatus.optional(),
  scope: ApiKeyScope.optional(),
  expiring: z.enum(["true", "false"]).optional().describe("true: active keys that expire within 7 days"),
});
export type ApiKeyListQuery = z.infer<typeof ApiKeyListQuery>;
