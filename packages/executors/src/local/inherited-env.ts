/**
 * The server's variables a runtime may see: where programs and libraries are, who and where it runs,
 * locale and temporary directory, CUDA's location. Nothing else passes (database URL, keys, S3
 * credentials stay in the server); a runtime gets what it needs through the request's `env`.
 */
export const INHERITED_ENV = [
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "LANG",
  "LANGUAGE",
  "LC_ALL",
  "LC_CTYPE",
  "TZ",
  "TMPDIR",
  "LD_LIBRARY_PATH",
  "CUDA_HOME",
  "CUDA_PATH",
] as const;

/** The inherited variables that are set in `env` (read once, where the executor is made). */
export function inheritedEnv(
  env: NodeJS.ProcessEnv = process.env,
  names: readonly string[] = INHERITED_ENV,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = env[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}
