import { single, Upload } from "@infera/contracts";
import type {
  DetailedError,
  FileReader as TusFileReader,
  UploadOptions as TusUploadOptions,
  UrlStorage,
} from "tus-js-client";
import { errorFromResponse, InferaApiError } from "../errors.js";
import type { Transport } from "../http.js";
import { seg } from "../pagination.js";

export type { PreviousUpload, UrlStorage as UploadUrlStorage } from "tus-js-client";

export interface UploadFileOptions {
  projectId: string;
  /** The file's own name (no folders); a model version gives it its path separately. */
  filename: string;
  /** Hex sha256 of the whole file: the server checks it when the last byte arrives. */
  sha256?: string;
  contentType?: string;
  /** Bytes the server holds so far, and the total (called as bytes go out). */
  onProgress?: (sent: number, total: number) => void;
  /**
   * Where upload URLs are remembered by fingerprint, so a re-run resumes at the server's offset
   * (the CLI keeps a JSON file; browsers may pass tus-js-client's localStorage one).
   */
  urlStorage?: UrlStorage;
  /** The key a file is remembered by; by default tus-js-client's (Node: path, size, mtime). */
  fingerprint?: (file: unknown) => Promise<string | null>;
  /** Keep the remembered URL after success (a caller that forgets it once the file is used). */
  keepResumeEntry?: boolean;
  /** How the bytes are read (tus-js-client's FileReader); by default tus-js-client's own. */
  fileReader?: TusFileReader;
  /** Bytes per PATCH request; by default the whole rest of the file in one request. */
  chunkSize?: number;
  signal?: AbortSignal;
}

export interface UploadFileResult {
  upload: Upload;
  /** The server's offset when this run began (0 for a new upload). */
  resumedFrom: number;
}

/**
 * Resumable uploads (tus 1.0 at `/api/v1/uploads`) with tus-js-client: in Node pass an
 * `fs.ReadStream` (or a Buffer), in browsers a File or Blob. A finished upload becomes a blob that a
 * model or dataset version takes by its `upload_id`.
 */
export function uploadsApi(t: Transport, extraHeaders: Record<string, string>) {
  const endpoint = () => `${t.baseUrl}/api/v1/uploads`;
  const headers = (): Record<string, string> => {
    const h: Record<string, string> = { ...extraHeaders };
    if (t.token) h.authorization = `Bearer ${t.token}`;
    if (t.csrfToken) h["x-csrf-token"] = t.csrfToken;
    return h;
  };

  async function get(uploadId: string): Promise<Upload> {
    return (await t.json("GET", `/uploads/${seg(uploadId)}`, single(Upload))).data;
  }

  async function upload(input: unknown, opts: UploadFileOptions): Promise<UploadFileResult> {
    // Imported on first use: pages that never upload (most of the console) don't load tus-js-client.
    const { Upload: TusUpload } = await import("tus-js-client");
    return new Promise((resolve, reject) => {
      let resumedFrom = 0;
      const metadata: Record<string, string> = { project_id: opts.projectId, filename: opts.filename };
      if (opts.sha256) metadata.sha256 = opts.sha256;
      if (opts.contentType) metadata.content_type = opts.contentType;
      const options: TusUploadOptions = {
        endpoint: endpoint(),
        metadata,
        headers: headers(),
        // Network hiccups are retried (from the server's offset); a 4xx answer is final.
        retryDelays: [0, 1000, 3000, 5000],
        storeFingerprintForResuming: Boolean(opts.urlStorage),
        removeFingerprintOnSuccess: !opts.keepResumeEntry,
        onProgress: (sent, total) => opts.onProgress?.(sent, total),
        onAfterResponse: (req, res) => {
          // A resumed upload starts with HEAD: its offset is what the server already holds.
          if (req.getMethod() === "HEAD" && res.getStatus() === 200)
            resumedFrom = Number(res.getHeader("Upload-Offset") ?? 0);
        },
        onError: (err) => reject(toApiError(err, t.baseUrl)),
        onSuccess: () => {
          const id = uploadIdFromUrl(tus.url ?? "");
          get(id).then((u) => resolve({ upload: u, resumedFrom }), reject);
        },
      };
      if (opts.urlStorage) options.urlStorage = opts.urlStorage;
      if (opts.fingerprint) options.fingerprint = opts.fingerprint as TusUploadOptions["fingerprint"];
      if (opts.fileReader) options.fileReader = opts.fileReader;
      if (opts.chunkSize) options.chunkSize = opts.chunkSize;
      const tus = new TusUpload(input as Blob, options);
      opts.signal?.addEventListener("abort", () => {
        // Stop sending but keep the upload on the server: a re-run resumes it.
        void tus.abort(false);
        reject(new InferaApiError({ status: 0, code: "internal", message: "upload aborted" }));
      });
      const begin = async () => {
        if (opts.urlStorage) {
          // Resume only an upload of the same bytes (a changed file gets a new upload).
          const previous = (await tus.findPreviousUploads()).find(
            (p) => p.uploadUrl && (!opts.sha256 || p.metadata?.sha256 === opts.sha256),
          );
          if (previous) tus.resumeFromPreviousUpload(previous);
        }
        tus.start();
      };
      begin().catch(reject);
    });
  }

  return {
    upload,
    get,
    /** Cancels an unfinished upload: the server drops its partial bytes. */
    async cancel(uploadId: string): Promise<void> {
      await t.empty("DELETE", `/uploads/${seg(uploadId)}`, {});
    },
    /** `upl_…` from an upload's URL (`…/api/v1/uploads/upl_…`). */
    idFromUrl: uploadIdFromUrl,
  };
}

export function uploadIdFromUrl(url: string): string {
  return decodeURIComponent(
    url
      .replace(/[?#].*$/, "")
      .replace(/\/+$/, "")
      .split("/")
      .pop() ?? "",
  );
}

/** tus-js-client's errors as the client's own: the server's envelope when it answered one. */
function toApiError(err: Error | DetailedError, baseUrl: string): InferaApiError {
  const res = (err as DetailedError).originalResponse;
  if (res) {
    const requestId = res.getHeader("X-Request-Id");
    return errorFromResponse(
      res.getStatus(),
      res.getBody() ?? "",
      new Headers(requestId ? { "x-request-id": requestId } : {}),
    );
  }
  const cause = (err as DetailedError).causingError ?? err;
  return new InferaApiError({
    status: 0,
    code: "service_unavailable",
    message: `upload to ${baseUrl || "this origin"} failed: ${cause.message}`,
    cause: err,
  });
}
