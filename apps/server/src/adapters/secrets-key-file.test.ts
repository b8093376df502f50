import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config.js";
import { loadSecretsKeyFile } from "./secrets-key-file.js";

describe("secrets key file", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-secrets-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is made on first start (0600, 32 bytes) and read back the same afterwards", () => {
    const path = join(dir, "nested", "secrets.key");
    const first = loadSecretsKeyFile(path);
    expect(first.created).toBe(true);
    expect(first.key).toHaveLength(32);
    if (process.platform !== "win32") expect(statSync(path).mode & 0o777).toBe(0o600);
    const again = loadSecretsKeyFile(path);
    expect(again.created).toBe(false);
    expect(again.key.equals(first.key)).toBe(true);
    expect(readFileSync(path, "utf8").trim()).toBe(first.key.toString("base64"));
  });

  it("refuses a key others may read, and one of the wrong length", () => {
    const loose = join(dir, "loose.key");
    writeFileSync(loose, Buffer.alloc(32, 7).toString("base64"), { mode: 0o644 });
    chmodSync(loose, 0o644);
    if (process.platform !== "win32") expect(() => loadSecretsKeyFile(loose)).toThrow(/chmod 600/);
    const short = join(dir, "short.key");
    writeFileSync(short, Buffer.alloc(16, 7).toString("base64"), { mode: 0o600 });
    expect(() => loadSecretsKeyFile(short)).toThrow(/32 bytes/);
  });

  it("lives beside the data unless INFERA_SECRETS_KEY_FILE says where", () => {
    expect(loadConfig({ INFERA_DATA_DIR: "/srv/infera" }).secretsKeyFile).toBe("/srv/infera/secrets.key");
    expect(loadConfig({ INFERA_SECRETS_KEY_FILE: "/etc/infera/secrets.key" }).secretsKeyFile).toBe(
      "/etc/infera/secrets.key",
    );
  });
});
