import { describe, expect, it } from "vitest";
import { parseByteCount, parseUploadMetadata } from "./tus-headers.js";

const b64 = (s: string) => Buffer.from(s).toString("base64");

describe("tus headers", () => {
  it("reads byte counts past 4 GiB exactly and refuses anything but digits", () => {
    expect(parseByteCount("Upload-Length", "6442450944")).toBe(6 * 1024 ** 3);
    expect(parseByteCount("Upload-Offset", "4294967297")).toBe(2 ** 32 + 1);
    expect(parseByteCount("Upload-Offset", "0")).toBe(0);
    for (const bad of ["-1", "1e9", "0x10", "1.5", "", " ", "12 34", "99999999999999999"])
      expect(() => parseByteCount("Upload-Offset", bad), bad).toThrow(/non-negative integer/);
    expect(() => parseByteCount("Upload-Length", undefined)).toThrow(/required/);
  });

  it("decodes Upload-Metadata pairs, keys without values, and UTF-8 names", () => {
    expect(
      parseUploadMetadata(`project_id ${b64("proj_1")},filename ${b64("模型 v2.gguf")},is_confidential`),
    ).toEqual({ project_id: "proj_1", filename: "模型 v2.gguf", is_confidential: "" });
    expect(parseUploadMetadata(undefined)).toEqual({});
  });

  it("refuses malformed metadata: bad base64, extra parts, repeated keys, non-UTF-8 bytes", () => {
    expect(() => parseUploadMetadata("filename not*base64")).toThrow(/malformed/);
    expect(() => parseUploadMetadata(`filename ${b64("a")} extra`)).toThrow(/malformed/);
    expect(() => parseUploadMetadata(`a ${b64("1")},a ${b64("2")}`)).toThrow(/twice/);
    expect(() => parseUploadMetadata(`filename ${Buffer.from([0xff, 0xfe]).toString("base64")}`)).toThrow(
      /UTF-8/,
    );
  });
});
