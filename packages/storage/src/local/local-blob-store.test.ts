import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { blobStoreContract } from "../testing/blob-store-contract.js";
import { LocalBlobStore } from "./local-blob-store.js";

const roots: string[] = [];
const rootOf = new WeakMap<object, string>();

afterAll(async () => {
  for (const r of roots) await rm(r, { recursive: true, force: true });
});

blobStoreContract("local directory", {
  async fresh() {
    const root = await mkdtemp(join(tmpdir(), "infera-blobs-"));
    roots.push(root);
    const store = new LocalBlobStore(join(root, "blobs"));
    rootOf.set(store, join(root, "blobs"));
    return store;
  },
  async leftovers(store) {
    return readdir(join(rootOf.get(store)!, "tmp")).catch(() => []);
  },
  async plantTemporary(store, bytes) {
    await mkdir(join(rootOf.get(store)!, "tmp"), { recursive: true });
    await writeFile(join(rootOf.get(store)!, "tmp", randomUUID()), bytes);
  },
});
