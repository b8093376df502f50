import { useCallback, useEffect, useRef, useState } from "react";
import { Upload } from "tus-js-client";
import { getCsrfToken } from "../../../lib/csrf";

export type UploadStatus = "uploading" | "paused" | "error" | "done";

export interface FileUpload {
  key: string;
  name: string;
  size: number;
  status: UploadStatus;
  sent: number;
  error?: string;
  /** The tus upload's id once the server created it (`upl_…`). */
  uploadId?: string;
}

const uploadIdOf = (url: string | null) => (url ? decodeURIComponent(url.split("/").pop() ?? "") : undefined);

/**
 * Files sent through tus to `/api/v1/uploads` in the project: progress, pause and resume (the server
 * keeps what arrived; a file picked again after a reload resumes from its stored fingerprint), retry.
 */
export function useTusUploads(projectId: string) {
  const [items, setItems] = useState<FileUpload[]>([]);
  const uploads = useRef(new Map<string, Upload>());
  const seq = useRef(0);

  const patch = useCallback((key: string, change: Partial<FileUpload>) => {
    setItems((list) => list.map((i) => (i.key === key ? { ...i, ...change } : i)));
  }, []);

  const start = useCallback(
    (key: string) => {
      const upload = uploads.current.get(key);
      if (!upload) return;
      patch(key, { status: "uploading", error: undefined });
      // A previous attempt at the same file (same name, size, type, project) goes on where it stopped.
      void upload
        .findPreviousUploads()
        .then((previous) => {
          const last = previous[0];
          if (last) upload.resumeFromPreviousUpload(last);
        })
        .catch(() => {})
        .finally(() => upload.start());
    },
    [patch],
  );

  const add = useCallback(
    (files: File[]) => {
      const added: FileUpload[] = files.map((file) => {
        const key = `f${++seq.current}`;
        const upload = new Upload(file, {
          endpoint: "/api/v1/uploads",
          metadata: {
            project_id: projectId,
            filename: file.name,
            content_type: file.type || "application/x-ndjson",
          },
          // Session cookie (same origin) plus the CSRF token on POST/PATCH/DELETE.
          headers: { "X-CSRF-Token": getCsrfToken() ?? "" },
          chunkSize: 8 * 1024 * 1024,
          retryDelays: [0, 1000, 3000, 5000],
          removeFingerprintOnSuccess: true,
          // The fingerprint names the project too: a resumed upload never crosses projects.
          fingerprint: async (f) => {
            const blob = f as File;
            return `infera-${projectId}-${blob.name}-${blob.size}-${blob.lastModified}`;
          },
          onUploadUrlAvailable: () => patch(key, { uploadId: uploadIdOf(upload.url) }),
          onProgress: (sent) => patch(key, { sent }),
          onSuccess: () => patch(key, { status: "done", sent: file.size, uploadId: uploadIdOf(upload.url) }),
          onError: (err) => patch(key, { status: "error", error: serverMessage(err) }),
        });
        uploads.current.set(key, upload);
        return { key, name: file.name, size: file.size, status: "uploading", sent: 0 };
      });
      setItems((list) => [...list, ...added]);
      for (const a of added) start(a.key);
    },
    [projectId, patch, start],
  );

  const pause = useCallback(
    (key: string) => {
      void uploads.current.get(key)?.abort();
      patch(key, { status: "paused" });
    },
    [patch],
  );

  const remove = useCallback((key: string) => {
    const upload = uploads.current.get(key);
    uploads.current.delete(key);
    // Leave the server's partial upload to expire: terminating it would lose a resume point.
    void upload?.abort();
    setItems((list) => list.filter((i) => i.key !== key));
  }, []);

  const move = useCallback((key: string, by: -1 | 1) => {
    setItems((list) => {
      const i = list.findIndex((x) => x.key === key);
      const j = i + by;
      if (i < 0 || j < 0 || j >= list.length) return list;
      const next = [...list];
      [next[i], next[j]] = [next[j] as FileUpload, next[i] as FileUpload];
      return next;
    });
  }, []);

  useEffect(() => {
    const all = uploads.current;
    return () => {
      for (const u of all.values()) void u.abort();
    };
  }, []);

  return { items, add, pause, resume: start, retry: start, remove, move };
}

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
