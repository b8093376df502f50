import { InferaApiError } from "@infera/client";
import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { expiresAtOf, keyToValues, serverFieldErrors, toCreateInput, toUpdateInput } from "./key-form";
import { apiKey, usageReport } from "./test/fixtures";
import { tokensPerBucket } from "./usage-chart";

const refusal = (details: unknown, status = 400) =>
  new InferaApiError({
    status,
    code: "validation_error",
    message: "expires_at must be in the future",
    details,
    requestId: "r",
  });

describe("key form", () => {
  it("writes an expiry choice as an RFC 3339 time: never, 30/90 days from now, or the end of a picked day", () => {
    const now = dayjs("2026-12-04T10:00:00.000Z");
    expect(expiresAtOf({ expiry: "never" }, now)).toBeNull();
    expect(expiresAtOf({ expiry: "30d" }, now)).toBe("2027-01-03T10:00:00.000Z");
    expect(expiresAtOf({ expiry: "90d" }, now)).toBe("2027-03-04T10:00:00.000Z");
    const day = dayjs("2027-06-30T12:00:00");
    expect(expiresAtOf({ expiry: "date", expires_on: day }, now)).toBe(day.endOf("day").toISOString());
  });

  it("creates with empty limits as no limit and the name trimmed", () => {
    expect(
      toCreateInput({
        name: " bot ",
        scopes: ["inference:invoke"],
        expiry: "never",
        rpm_limit: undefined,
        note: "",
      }),
    ).toEqual({
      name: "bot",
      scopes: ["inference:invoke"],
      expires_at: null,
      rpm_limit: null,
      daily_token_limit: null,
      note: "",
    });
  });

  it("patches only what changed: the same expiry day and reordered scopes are no change", () => {
    const key = apiKey({
      expires_at: "2027-06-30T23:59:59.999Z",
      scopes: ["metrics:read", "inference:invoke"],
    });
    const same = keyToValues(key);
    expect(toUpdateInput(key, { ...same, scopes: ["inference:invoke", "metrics:read"] })).toEqual({});
    expect(toUpdateInput(key, { ...same, rpm_limit: null, expiry: "never" })).toEqual({
      rpm_limit: null,
      expires_at: null,
    });
  });

  it("puts a 4xx that names a field on that form field, and nothing else on a field", () => {
    expect(serverFieldErrors(refusal({ field: "expires_at" }))).toEqual([
      { name: "expires_on", errors: ["expires_at must be in the future"] },
    ]);
    expect(
      serverFieldErrors(
        refusal({
          fields: [
            { path: "rpm_limit", message: "too big" },
            { path: "x", message: "?" },
          ],
        }),
      ),
    ).toEqual([{ name: "rpm_limit", errors: ["too big"] }]);
    expect(serverFieldErrors(refusal({ field: "name" }, 500))).toEqual([]);
    expect(serverFieldErrors(new Error("boom"))).toEqual([]);
  });

  it("adds up a day's tokens over the status codes, oldest day first", () => {
    expect(tokensPerBucket(usageReport())).toEqual([
      { time: "2026-11-30T00:00:00.000Z", prompt: 5000, completion: 1000 },
      { time: "2026-12-01T00:00:00.000Z", prompt: 4000, completion: 2000 },
    ]);
  });
});
