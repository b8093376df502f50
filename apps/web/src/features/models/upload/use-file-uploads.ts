import { useCallback, useContext, useEffect, useRef, useState } from "react";
import { api } from "../../../lib/client";
import { startTusUpload } from "../../../lib/uploads/tus-uploader";
import { UploaderContext, type UploadHandle } from "../../../lib/uploads/uploader";

export type FileStatus = "uploading" | "paused" | "done" | "failed";

export interface FileEntry {
  key: string;
  file: File;
  /** The file's path inside the version (defaults to its name; editable, e.g. `tokenizer/vocab.json`). */
  path: string;
  status: FileStatus;
  sent: number;
  total: number;
  uploadId: string | null;
  /** Known once the upload completed (the server hashes while receiving). */
  sha256: string | null;
  error: string | null;
}

let counter = 0;

/** Several files uploading at once, each with its own progress, pause/resume, retry and removal. */
export function useFileUploads(projectId: string) {
  const start = useContext(UploaderContext) ?? startTusUpload;
  const [entries, setEntries] = useState<FileEntry[]>([]);
  const handles = useRef(new Map<string, UploadHandle>());

  const patch = useCallback((key: string, change: Partial<FileEntry>) => {
    setEntries((list) => list.map((e) => (e.key === key ? { ...e, ...change } : e)));
  }, []);

  const launch = useCallback(
    (key: string, file: File) => {
      const handle = start(file, projectId, {
        onProgress: (sent, total) => patch(key, { sent, total }),
        onSuccess: (uploadId) => {
          patch(key, { status: "done", uploadId, sent: file.size, error: null });
          // The digest the server computed: shown in the review so the user sees what was stored.
          void api.uploads
            .get(uploadId)
            .then((u) => patch(key, { sha256: u.sha256 }))
            .catch(() => {});
        },
        onError: (e) => patch(key, { status: "failed", error: e.message }),
      });
      handles.current.set(key, handle);
    },
    [start, projectId, patch],
  );

  const add = useCallback(
    (files: File[]) => {
      const added = files.map<FileEntry>((file) => ({
        key: `f${++counter}`,
        file,
        path: file.name,
        status: "uploading",
        sent: 0,
        total: file.size,
        uploadId: null,
        sha256: null,
        error: null,
      }));
      setEntries((list) => [...list, ...added]);
      for (const e of added) launch(e.key, e.file);
    },
    [launch],
  );

  const pause = (key: string) => {
    handles.current.get(key)?.pause();
    patch(key, { status: "paused" });
  };
  const resume = (key: string) => {
    patch(key, { status: "uploading", error: null });
    handles.current.get(key)?.resume();
  };
  const remove = (key: string) => {
    const entry = entries.find((e) => e.key === key);
    if (entry && entry.status !== "done") handles.current.get(key)?.cancel();
    handles.current.delete(key);
    setEntries((list) => list.filter((e) => e.key !== key));
  };
  const setPath = (key: string, path: string) => patch(key, { path });

  // Leaving the wizard stops transfers still running (their bytes stay resumable on the server).
  useEffect(() => {
    const map = handles.current;
    return () => {
      for (const h of map.values()) h.pause();
    };
  }, []);

  return { entries, add, pause, resume, retry: resume, remove, setPath };
}
