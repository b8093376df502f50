import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BIN } from "./testing/harness.js";

/** `infera … | head` closes stdout before the command is done writing. */
describe("a reader that closes stdout early", () => {
  it("ends the command quietly with status 0, as Unix tools do, instead of an EPIPE stack trace", async () => {
    const proc = spawn(process.execPath, [BIN, "--help"], {
      env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    // Close our end of the pipe at once: every write of the child then fails with EPIPE.
    proc.stdout.destroy();
    let stderr = "";
    proc.stderr.on("data", (d) => (stderr += d));
    const code = await new Promise((done) => proc.once("close", done));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  });
});
