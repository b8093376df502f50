import { open } from "node:fs/promises";

/**
 * Why a file cannot be a GGUF model or adapter, or undefined when it starts like one. Checked before
 * llama.cpp opens it, so that a wrong path gets a sentence instead of a native error.
 */
export async function ggufFileProblem(
  path: string,
  what: string,
): Promise<{ code: "not_found" | "unreadable" | "not_gguf"; message: string } | undefined> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === "ENOENT"
      ? { code: "not_found", message: `${what} file not found: ${path}` }
      : { code: "unreadable", message: `${what} file cannot be read: ${path} (${code})` };
  }
  try {
    const magic = Buffer.alloc(4);
    const { bytesRead } = await handle.read(magic, 0, 4, 0);
    if (bytesRead < 4 || magic.toString("latin1") !== "GGUF")
      return { code: "not_gguf", message: `${what} file is not a GGUF file: ${path}` };
    return undefined;
  } finally {
    await handle.close();
  }
}
