import type { HttpClient } from "./http.js";

const b64 = (s: string) => Buffer.from(s).toString("base64");

/**
 * Stores `bytes` the way a user does: one tus creation request with the whole body, in `projectId`.
 * Answers the digest, which the project's tenant now holds and may name in a version.
 */
export async function uploadBytes(
  client: HttpClient,
  projectId: string,
  bytes: Buffer | string,
  filename = "file.bin",
): Promise<string> {
  const body = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
  const res = await client.request("POST", "/uploads", body, {
    "tus-resumable": "1.0.0",
    "upload-length": String(body.length),
    "upload-metadata": `project_id ${b64(projectId)},filename ${b64(filename)}`,
    "content-type": "application/offset+octet-stream",
  });
  if (res.status !== 201 || res.body?.data?.state !== "complete")
    throw new Error(`upload: ${res.status} ${res.text}`);
  return res.body.data.sha256 as string;
}
