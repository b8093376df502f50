import { Upload } from "tus-js-client";
import { getCsrfToken } from "../csrf";
import type { StartUpload } from "./uploader";

// Parts small enough that a dropped connection costs little, large enough to keep requests few.
const CHUNK_SIZE = 32 * 1024 * 1024;

/** The upload's id is the last segment of the URL the server answered with (`/api/v1/uploads/{id}`). */
export function uploadIdOf(url: string | null): string {
  const last = (url ?? "").split("?")[0]?.split("/").filter(Boolean).pop() ?? "";
  return decodeURIComponent(last);
}

/**
 * One file through tus at /api/v1/uploads: resumable (tus-js-client keeps the upload's URL in
 * localStorage by the file's fingerprint, so a reload continues where it stopped), retried on
 * network errors, with byte progress.
 */
export const startTusUpload: StartUpload = (file, projectId, callbacks) => {
  const upload: Upload = new Upload(file, {
    endpoint: "/api/v1/uploads",
    chunkSize: CHUNK_SIZE,
    retryDelays: [0, 1000, 3000, 5000],
    removeFingerprintOnSuccess: true,
    metadata: {
      project_id: projectId,
      filename: file.name,
      ...(file.type ? { content_type: file.type } : {}),
    },
    // Cookie sessions must send the CSRF token on every write, PATCH included.
    onBeforeRequest: (req) => {
      const csrf = getCsrfToken();
      if (csrf) req.setHeader("X-CSRF-Token", csrf);
    },
    onProgress: (sent, total) => callbacks.onProgress(sent, total),
    onSuccess: () => callbacks.onSuccess(uploadIdOf(upload.url)),
    onError: (e) => callbacks.onError(new Error(serverMessage(e))),
  });
  const start = () => {
    void upload.findPreviousUploads().then((previous) => {
      const mine = previous.find((p) => p.metadata.project_id === projectId);
      if (mine) upload.resumeFromPreviousUpload(mine);
      upload.start();
    });
  };
  start();
  return {
    pause: () => void upload.abort(false),
    resume: () => upload.start(),
    cancel: () => void upload.abort(true).catch(() => {}),
  };
};

/** tus-js-client wraps the server's answer; the API's error message is the useful part. */
function serverMessage(err: Error): string {
  const res = (err as { originalResponse?: { getBody(): string } | null }).originalResponse;
  try {
    const body = JSON.parse(res?.getBody() ?? "") as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // not the API's envelope: keep tus-js-client's own message
  }
  return err.message;
}
