import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createAesGcmSealer } from "./aes-gcm-sealer.js";

describe("AES-256-GCM sealer", () => {
  const sealer = createAesGcmSealer(randomBytes(32));

  it("seals to a different text each time and opens back to the secret", () => {
    const a = sealer.seal("sk-upstream");
    const b = sealer.seal("sk-upstream");
    expect(a).not.toBe(b);
    expect(a).not.toContain("sk-upstream");
    expect(sealer.open(a)).toBe("sk-upstream");
    expect(sealer.open(sealer.seal(""))).toBe("");
  });

  it("refuses a tampered text, another key's text and garbage", () => {
    const sealed = sealer.seal("sk-upstream");
    const parts = sealed.split(".");
    const body = Buffer.from(parts[3]!, "base64url");
    body[0] = (body[0] ?? 0) ^ 1;
    parts[3] = body.toString("base64url");
    expect(() => sealer.open(parts.join("."))).toThrow();
    expect(() => createAesGcmSealer(randomBytes(32)).open(sealed)).toThrow(/another key/);
    expect(() => sealer.open("sk-upstream")).toThrow(/not a sealed secret/);
    expect(() => createAesGcmSealer(randomBytes(16))).toThrow(/32 bytes/);
  });
});
