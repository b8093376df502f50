import type { InferaClient } from "@infera/client";
import { API_KEY_SCOPES, type ApiKey, type ApiKeyScope } from "@infera/contracts";
import dayjs, { type Dayjs } from "dayjs";
import { isApiError } from "../../lib/api-error";

/** What the client's create and update take (the contracts' input shapes: defaults optional). */
type CreateInput = Parameters<InferaClient["apiKeys"]["create"]>[1];
type UpdateInput = Parameters<InferaClient["apiKeys"]["update"]>[1];

export type ExpiryChoice = "never" | "30d" | "90d" | "date";

/** The create and edit dialogs' form. An empty limit means "no limit". */
export interface ApiKeyFormValues {
  name: string;
  scopes: ApiKeyScope[];
  expiry: ExpiryChoice;
  /** The day the key stops working (at that day's end, local time); only with `expiry: "date"`. */
  expires_on?: Dayjs | null;
  rpm_limit?: number | null;
  daily_token_limit?: number | null;
  note?: string;
}

export const LIMIT_MAX = 2_000_000_000;
export const NAME_MAX = 64;
export const NOTE_MAX = 500;

export const newKeyValues: ApiKeyFormValues = {
  name: "",
  scopes: ["inference:invoke"],
  expiry: "never",
  expires_on: null,
  rpm_limit: null,
  daily_token_limit: null,
  note: "",
};

/** A key as the edit form starts: its expiry as a date, its limits as they are. */
export function keyToValues(key: ApiKey): ApiKeyFormValues {
  return {
    name: key.name,
    scopes: [...key.scopes],
    expiry: key.expires_at ? "date" : "never",
    expires_on: key.expires_at ? dayjs(key.expires_at) : null,
    rpm_limit: key.rpm_limit,
    daily_token_limit: key.daily_token_limit,
    note: key.note,
  };
}

/** A limit field's rule: empty, or a whole number the contract accepts. */
export function isValidLimit(v: unknown): boolean {
  return (
    v === null || v === undefined || (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= LIMIT_MAX)
  );
}

/** The expiry the form says, as the API's RFC 3339 time (null = never). */
export function expiresAtOf(
  v: Pick<ApiKeyFormValues, "expiry" | "expires_on">,
  now = dayjs(),
): string | null {
  if (v.expiry === "30d") return now.add(30, "day").toISOString();
  if (v.expiry === "90d") return now.add(90, "day").toISOString();
  if (v.expiry === "date" && v.expires_on) return v.expires_on.endOf("day").toISOString();
  return null;
}

const limit = (v: number | null | undefined) => (v === undefined ? null : v);

export function toCreateInput(v: ApiKeyFormValues): CreateInput {
  return {
    name: v.name.trim(),
    scopes: v.scopes,
    expires_at: expiresAtOf(v),
    rpm_limit: limit(v.rpm_limit),
    daily_token_limit: limit(v.daily_token_limit),
    note: v.note ?? "",
  };
}

/** Only what changed (a PATCH); an unchanged expiry day is not sent again. */
export function toUpdateInput(key: ApiKey, v: ApiKeyFormValues): UpdateInput {
  const patch: UpdateInput = {};
  if (v.name.trim() !== key.name) patch.name = v.name.trim();
  const scopes = API_KEY_SCOPES.filter((s) => v.scopes.includes(s));
  if (scopes.join() !== API_KEY_SCOPES.filter((s) => key.scopes.includes(s)).join()) patch.scopes = scopes;
  const sameDay = v.expiry === "date" && key.expires_at && v.expires_on?.isSame(dayjs(key.expires_at), "day");
  const expiresAt = expiresAtOf(v);
  if (!sameDay && expiresAt !== key.expires_at) patch.expires_at = expiresAt;
  if (limit(v.rpm_limit) !== key.rpm_limit) patch.rpm_limit = limit(v.rpm_limit);
  if (limit(v.daily_token_limit) !== key.daily_token_limit)
    patch.daily_token_limit = limit(v.daily_token_limit);
  if ((v.note ?? "") !== key.note) patch.note = v.note ?? "";
  return patch;
}

const formFieldOf: Record<string, keyof ApiKeyFormValues> = {
  name: "name",
  scopes: "scopes",
  expires_at: "expires_on",
  rpm_limit: "rpm_limit",
  daily_token_limit: "daily_token_limit",
  note: "note",
};

/**
 * The form fields a 4xx answer names, with the server's words: the contract's `details.fields`
 * (`{path, message}`), or the one `details.field` a domain error names (`expires_at`). Empty when
 * the error names no field of this form: the dialog shows it whole instead.
 */
export function serverFieldErrors(error: unknown): { name: keyof ApiKeyFormValues; errors: string[] }[] {
  if (!isApiError(error) || error.status >= 500) return [];
  const d = error.details as { fields?: { path: string; message: string }[]; field?: string } | undefined;
  const named = d?.fields?.length
    ? d.fields.map((f) => ({ field: f.path.split(".")[0] ?? "", message: f.message }))
    : d?.field
      ? [{ field: d.field, message: error.message }]
      : [];
  return named
    .map((n) => ({ name: formFieldOf[n.field], errors: [n.message] }))
    .filter((n): n is { name: keyof ApiKeyFormValues; errors: string[] } => Boolean(n.name));
}
