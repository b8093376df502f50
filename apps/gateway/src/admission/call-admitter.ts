/**
 * What the gateway asks before it forwards a call and tells after it completes: the API key's RPM
 * and daily token limits (in memory with one process, through Redis across several —
 * `INFERA_REDIS_URL`), then the admission rules where project quotas and budgets refuse a call.
 * The `/v1` handlers see only this interface; `createCallAdmitter` (limits/) implements it.
 */
export interface CallIdentity {
  tenantId: string;
  projectId: string;
  /** Null for a signed-in user's call (the playground): no key limits apply. */
  apiKeyId: string | null;
  serviceId: string;
  revisionId: string;
  limits: { rpm: number | null; dailyTokens: number | null };
}

export type AdmissionRefusalCode =
  | "rate_limit_exceeded"
  | "daily_token_limit_exceeded"
  | "quota_exceeded"
  | "budget_exceeded"
  /** Redis is unavailable and `INFERA_REDIS_FAIL_MODE=closed`: 503, the call may be retried. */
  | "limits_unavailable";

export type Admission =
  | { ok: true }
  | {
      ok: false;
      code: AdmissionRefusalCode;
      /** For the OpenAI error envelope's `message`: says which limit and when it frees up. */
      message: string;
      /**
       * 429 for limits; a rule may answer 403 (a budget that stops calls until raised); 503 when the
       * shared counters cannot be reached and the fail mode is closed.
       */
      status: 429 | 403 | 503;
      /** `Retry-After`, whole seconds ≥ 1. */
      retryAfterSeconds: number;
    };

/** A project quota or budget check; answers null to let the call through. */
export interface AdmissionRule {
  name: string;
  check(call: CallIdentity): Promise<Admission | null>;
}

export interface CallAdmitter {
  /** Before forwarding: counts the request against the key's RPM; refuses when a limit or rule says so. */
  admit(call: CallIdentity): Promise<Admission>;
  /** When a response completes: charges its total tokens to the key's day (UTC). */
  charge(call: CallIdentity, totalTokens: number): Promise<void>;
  close(): Promise<void>;
}

/** No limits at all: tests of the routing alone, and until limits are wired. */
export const admitEverything: CallAdmitter = {
  admit: async () => ({ ok: true }),
  charge: async () => {},
  close: async () => {},
};
