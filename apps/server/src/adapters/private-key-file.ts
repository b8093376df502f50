import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Reads a key file, creating it (mode 0600) with `generate()` when it is missing, and refuses one
 * that others may read: the audit signing key and the secrets key both live outside the database,
 * and a copy anyone on the machine can read protects nothing. `setting` names the variable in errors;
 * `fail` makes the error the caller's own kind.
 */
export function readPrivateKeyFile(
  path: string,
  setting: string,
  generate: () => string,
  fail: (message: string) => Error = (m) => new Error(m),
): { text: string; created: boolean } {
  let created = false;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    mkdirSync(dirname(path), { recursive: true });
    text = generate();
    try {
      // wx: of two processes starting at once, one writes the key and the other reads it.
      writeFileSync(path, text, { mode: 0o600, flag: "wx" });
      created = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      text = readFileSync(path, "utf8");
    }
  }
  const mode = statSync(path).mode & 0o777;
  if (process.platform !== "win32" && (mode & 0o077) !== 0)
    throw fail(
      `${setting} ${path} may be read by others (mode ${mode.toString(8).padStart(4, "0")}): run chmod 600 ${path}`,
    );
  return { text, created };
}
