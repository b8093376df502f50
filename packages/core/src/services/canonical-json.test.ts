import { describe, expect, it } from "vitest";
import { canonicalJson, configHash } from "./canonical-json.js";

describe("canonical JSON", () => {
  it("sorts keys at every depth and leaves out undefined, so key order never changes the hash", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: undefined }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"z":1}]},"b":1}',
    );
    expect(configHash({ a: 1, b: 2 })).toBe(configHash({ b: 2, a: 1 }));
    expect(configHash({ a: 1 })).not.toBe(configHash({ a: 2 }));
    expect(configHash({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });
});
