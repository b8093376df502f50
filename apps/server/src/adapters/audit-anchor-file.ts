import { mkdirSync } from "node:fs";
import { open } from "node:fs/promises";
import { dirname } from "node:path";
import { AuditAnchor } from "@infera/contracts";
import type { AuditAnchorLog } from "@infera/core";

/** Below PIPE_BUF (4096 on Linux): one write of a line this short with O_APPEND is never interleaved. */
const MAX_LINE = 4000;
const CHUNK = 1024 * 1024;

/**
 * Anchors as JSON lines in an append-only file. Every append opens with O_APPEND, writes one line in
 * one write and fsyncs, so several API processes on one machine can share the file. Reading keeps
 * the last anchor of each chain and the offset read so far, and reads only what was appended since;
 * `reread` starts over (verification does, so an edit anywhere in the file is seen).
 */
export function openAuditAnchorFile(path: string): AuditAnchorLog & { unreadableLines(): number } {
  mkdirSync(dirname(path), { recursive: true });
  let offset = 0;
  let latest = new Map<string, AuditAnchor>();
  let unreadable = 0;
  let queue: Promise<unknown> = Promise.resolve();

  const readNew = async (reread: boolean) => {
    if (reread) {
      offset = 0;
      latest = new Map();
      unreadable = 0;
    }
    let fh: Awaited<ReturnType<typeof open>>;
    try {
      fh = await open(path, "r");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") {
        offset = 0;
        latest = new Map();
        return;
      }
      throw err;
    }
    try {
      const { size } = await fh.stat();
      if (size < offset) return readNew(true); // replaced or cut: start over
      let carry = Buffer.alloc(0);
      let pos = offset;
      while (pos < size) {
        const buf = Buffer.alloc(Math.min(CHUNK, size - pos));
        const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
        if (bytesRead === 0) break;
        pos += bytesRead;
        // Split on newline bytes, not characters: a chunk may end inside a multi-byte character.
        let data = Buffer.concat([carry, buf.subarray(0, bytesRead)]);
        for (let nl = data.indexOf(10); nl >= 0; nl = data.indexOf(10)) {
          take(data.subarray(0, nl).toString("utf8"));
          data = data.subarray(nl + 1);
        }
        carry = data;
      }
      // A last line without its newline is still being written: read it next time.
      offset = pos - carry.length;
    } finally {
      await fh.close();
    }
  };

  const take = (line: string) => {
    if (!line.trim()) return;
    let obj: Record<string, unknown>;
    try {
      obj = JSON.parse(line);
    } catch {
      unreadable++;
      return;
    }
    const parsed = AuditAnchor.safeParse(obj);
    if (parsed.success) latest.set(parsed.data.chain, parsed.data);
    else if (typeof obj?.chain === "string") {
      // A line of a chain that is no anchor any more: kept as its latest, so verify reports it.
      latest.set(obj.chain, {
        chain: obj.chain,
        sequence: Number(obj.sequence) || 0,
        event_id: String(obj.event_id ?? ""),
        hash: String(obj.hash ?? ""),
        count: Number(obj.count) || 0,
        anchored_at: String(obj.anchored_at ?? ""),
        key_id: String(obj.key_id ?? ""),
        signature: "",
      });
    } else unreadable++;
  };

  const serially = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    location: path,
    async append(anchor) {
      const line = `${JSON.stringify({ v: 1, ...anchor })}\n`;
      if (Buffer.byteLength(line) > MAX_LINE) throw new Error("audit anchor line is too long");
      const fh = await open(path, "a", 0o644);
      try {
        await fh.write(line);
        await fh.sync();
      } finally {
        await fh.close();
      }
    },
    latest: (chain, opts) =>
      serially(async () => {
        await readNew(opts?.reread === true);
        return latest.get(chain);
      }),
    latestAll: () =>
      serially(async () => {
        await readNew(false);
        return new Map(latest);
      }),
    unreadableLines: () => unreadable,
  };
}
