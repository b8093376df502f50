import { describe, expect, it } from "vitest";
import { parseEmails } from "./emails";

describe("parseEmails", () => {
  it("splits on commas and new lines, lower-cases and drops duplicates", () => {
    expect(parseEmails("A@x.io, b@x.io\na@X.io;;not-an-email\n")).toEqual({
      unique: ["a@x.io", "b@x.io"],
      duplicates: ["a@x.io"],
      invalid: ["not-an-email"],
    });
  });
});
