import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type InferaClient, uploadIdFromUrl } from "@infera/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, type Run, spawnCli, startUp, type UpProcess, waitFor } from "./testing/harness.js";

/** A real safetensors file: one F32 tensor of `n` values (`seed + i`, or random bytes). */
function safetensors(n: number, seed: number | "random"): Buffer {
  const header = JSON.stringify({
    __metadata__: { format: "pt" },
    w: { dtype: "F32", shape: [n], data_offsets: [0, n * 4] },
  });
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(Buffer.byteLength(header)));
  let data: Buffer;
  if (seed === "random") data = randomBytes(n * 4);
  else {
    data = Buffer.alloc(n * 4);
    for (let i = 0; i < n; i++) data.writeFloatLE(seed + i, i * 4);
  }
  return Buffer.concat([len, Buffer.from(header), data]);
}

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** `infera models …` (and datasets) through the real binary against a real `infera up`. */
describe("infera models and datasets against infera up", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-cli-registry-"));
  const configHome = join(dir, "config");
  const password = "registry admin password";
  let url: string;
  let up: UpProcess;
  let api: InferaClient;
  let projectId: string;

  function cliEnv(extra: Record<string, string> = {}): Record<string, string> {
    return {
      PATH: process.env.PATH ?? "",
      HOME: dir,
      NO_COLOR: "1",
      XDG_CONFIG_HOME: configHome,
      INFERA_URL: url,
      ...extra,
    };
  }
  const cli = (args: string[], input = ""): Promise<Run> => spawnCli(args, cliEnv(), input).done;
  const json = (r: Run) => {
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout);
  };

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    up = await startUp({
      PATH: process.env.PATH ?? "",
      HOME: dir,
      NO_COLOR: "1",
      INFERA_DATA_DIR: join(dir, "data"),
      INFERA_PORT: String(port),
      INFERA_ADMIN_PASSWORD: password,
    });
    const login = await cli(["login", "--email", "admin@localhost", "--password-stdin"], `${password}\n`);
    expect(login.code, login.stderr).toBe(0);
    const token = JSON.parse(readFileSync(join(configHome, "infera", "config.json"), "utf8")).servers[url]
      .token as string;
    api = createClient({ baseUrl: url, token });
    projectId = json(await cli(["projects", "create", "Registry", "--json"])).id;
  }, 180_000);

  afterAll(async () => {
    await up?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("creates a model, uploads a folder as a version, tags it and downloads the same bytes", async () => {
    const model = json(
      await cli([
        "models",
        "create",
        "--project",
        "Registry",
        "--name",
        "ranker",
        "--license",
        "mit",
        "--json",
      ]),
    );
    expect(model).toMatchObject({ name: "ranker", visibility: "private", license: "mit", version_count: 0 });

    const folder = join(dir, "ranker-v1");
    mkdirSync(join(folder, "tokenizer"), { recursive: true });
    const files: Record<string, Buffer> = {
      "model.safetensors": safetensors(64, 1),
      "config.json": Buffer.from('{"model_type":"llama","max_position_embeddings":128}'),
      "tokenizer/vocab.json": Buffer.from('{"a":0,"b":1}'),
    };
    for (const [p, bytes] of Object.entries(files)) writeFileSync(join(folder, p), bytes);

    const uploaded = await cli(["models", "upload", model.id, folder, "--notes", "first cut"]);
    expect(uploaded.code, uploaded.stderr).toBe(0);
    const versionId = /Created version (mv_\w+)/.exec(uploaded.stdout)?.[1];
    expect(versionId).toBeDefined();
    expect(uploaded.stdout).toMatch(/^format\s+safetensors$/m);
    expect(uploaded.stdout).toMatch(/^dtypes\s+F32$/m);
    expect(uploaded.stdout).toMatch(/^parameters\s+64$/m);
    expect(uploaded.stdout).toMatch(/^tags\s+latest$/m);
    expect(uploaded.stdout).toContain("tokenizer/vocab.json");
    // Plain progress lines (stderr is not a terminal): bytes, %, rate and ETA per file.
    expect(uploaded.stderr).toMatch(/uploading model\.safetensors .*100%.*\/s\s+ETA 0s\s+done/);

    const version = await api.models.versions.get(versionId!);
    expect(version.files.map((f) => [f.path, f.sha256]).sort()).toEqual(
      Object.entries(files)
        .map(([p, b]) => [p, sha256(b)])
        .sort(),
    );
    expect(version.notes).toBe("first cut");

    const listed = json(
      await cli(["models", "list", "--project", projectId, "--scope", "project", "--json"]),
    );
    expect(listed.data.map((m: { id: string }) => m.id)).toEqual([model.id]);
    expect(listed.data[0]).toMatchObject({ version_count: 1, latest_version_id: versionId });
    const csv = await cli(["models", "list", "--project", projectId, "--format", "csv"]);
    expect(csv.stdout.split("\n")[0]).toContain("id");
    expect(csv.stdout).toContain(model.id);

    const tagged = await cli(["models", "tag", model.id, "staging", versionId!]);
    expect(tagged.code, tagged.stderr).toBe(0);
    expect(tagged.stdout).toContain(`staging: (none) → ${versionId}`);
    const resolved = await api.models.resolve(model.id, "staging");
    expect(resolved.version_id).toBe(versionId);

    const versions = await cli(["models", "versions", model.id]);
    expect(versions.stdout).toContain(versionId);
    expect(versions.stdout).toMatch(/latest, staging|staging, latest/);

    const out = join(dir, "download");
    const got = json(await cli(["models", "download", versionId!, "--out", out, "--json"]));
    expect(got.files.map((f: { status: string }) => f.status)).toEqual([
      "downloaded",
      "downloaded",
      "downloaded",
    ]);
    for (const [p, bytes] of Object.entries(files)) expect(readFileSync(join(out, p))).toEqual(bytes);

    // A partial file continues with a Range request; a file already there is only checked.
    const weights = files["model.safetensors"]!;
    rmSync(join(out, "model.safetensors"));
    writeFileSync(join(out, "model.safetensors.part"), weights.subarray(0, 100));
    const again = json(await cli(["models", "download", versionId!, "--out", out, "--json"]));
    const byPath = Object.fromEntries(again.files.map((f: { path: string }) => [f.path, f]));
    expect(byPath["model.safetensors"]).toMatchObject({ status: "resumed", received: weights.length - 100 });
    expect(byPath["config.json"]).toMatchObject({ status: "present", received: 0 });
    expect(readFileSync(join(out, "model.safetensors"))).toEqual(weights);

    // A corrupt partial file fails the digest check and is removed, not kept under the file's name.
    rmSync(join(out, "model.safetensors"));
    writeFileSync(join(out, "model.safetensors.part"), Buffer.alloc(100, 7));
    const corrupt = await cli([
      "models",
      "download",
      versionId!,
      "--out",
      out,
      "--file",
      "model.safetensors",
    ]);
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr).toContain("does not match");
    expect(() => readFileSync(join(out, "model.safetensors.part"))).toThrow();
    expect(() => readFileSync(join(out, "model.safetensors"))).toThrow();
  }, 120_000);

  it("shows current → target and the gates; prod of a Prod project is refused (exit 6) until an Owner forces it; rollback", async () => {
    // A fresh Prod project: its env policies, the evaluation gate on prod included, are on by default.
    const prodId = json(await cli(["projects", "create", "Gated", "--env", "prod", "--json"])).id;
    const model = json(await cli(["models", "create", "--project", prodId, "--name", "gated", "--json"]));
    const versionIds: string[] = [];
    for (const seed of [1, 2]) {
      const file = join(dir, `gated-${seed}.safetensors`);
      writeFileSync(file, safetensors(8, seed));
      versionIds.push(json(await cli(["models", "upload", model.id, file, "--json"])).version.id);
    }
    const [v1, v2] = versionIds as [string, string];
    expect(await api.policies.get(prodId)).toMatchObject({
      env: "prod",
      prod_requires_passing_evaluation: true,
    });

    const dry = await cli(["models", "tag", model.id, "prod", "latest", "--dry-run"]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`prod: (none) → ${v2} (dry run: nothing changed)`);
    expect(dry.stdout).toMatch(/gate prod_requires_passing_evaluation: failed/);

    const refused = await cli(["models", "tag", model.id, "prod", v2]);
    expect(refused.code).toBe(6);
    expect(refused.stderr).toContain('"prod" is protected');
    expect(refused.stderr).toContain("precondition_failed");
    expect((await api.models.tags.list(model.id)).map((t) => t.tag)).not.toContain("prod");

    expect((await cli(["models", "tag", model.id, "prod", v2, "--force"])).code).toBe(2);
    const forced = await cli([
      "models",
      "tag",
      model.id,
      "prod",
      v2,
      "--force",
      "--reason",
      "evaluated offline",
    ]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain(`Moved prod to ${v2}.`);
    const [event] = (await api.audit.list({ projectId: prodId }, { action: "model.tag.update", limit: 1 }))
      .data;
    expect(event?.after).toMatchObject({
      tag: "prod",
      version_id: v2,
      forced: true,
      reason: "evaluated offline",
    });

    expect((await cli(["models", "tag", model.id, "staging", v1])).code).toBe(0);
    expect((await cli(["models", "tag", model.id, "staging", v2])).code).toBe(0);
    const back = await cli(["models", "tag", model.id, "staging", "--rollback", "--json"]);
    expect(json(back)).toMatchObject({ tag: "staging", current_version_id: v2, target_version_id: v1 });
    const del = await cli(["models", "tag", model.id, "staging", "--delete"]);
    expect(del.stdout).toContain(`Deleted tag staging of gated (it pointed to ${v1}).`);
    expect((await cli(["models", "tag", model.id, "staging"])).code).toBe(2);
  }, 300_000);

  it("an upload interrupted midway resumes from the server's offset and sends only the rest", async () => {
    const model = json(await cli(["models", "create", "--project", projectId, "--name", "big", "--json"]));
    const file = join(dir, "big.safetensors");
    const bytes = safetensors(16 * 1024 * 1024, "random"); // 64 MB
    writeFileSync(file, bytes);

    // Paced so that it is surely midway when Ctrl+C comes.
    const first = spawnCli(["models", "upload", model.id, file, "--limit-rate", "8M"], cliEnv());
    await waitFor(
      () => /uploading big\.safetensors .* [1-9]\d%/.test(first.stderr()),
      60_000,
      "upload progress",
    );
    first.proc.kill("SIGINT");
    const stopped = await first.done;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain("run the same command again");

    const stored = JSON.parse(readFileSync(join(configHome, "infera", "uploads.json"), "utf8"));
    const entries = Object.values(stored) as { uploadUrl: string; size: number }[];
    expect(entries).toHaveLength(1);
    const uploadId = uploadIdFromUrl(entries[0]!.uploadUrl);
    let offset = 0;
    await waitFor(
      () => {
        void api.uploads.get(uploadId).then((u) => (offset = u.offset));
        return offset > 0;
      },
      10_000,
      "the server's offset",
    );
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThan(bytes.length);

    const second = json(await cli(["models", "upload", model.id, file, "--json"]));
    const [u] = second.uploads;
    expect(u.upload_id).toBe(uploadId);
    expect(u.resumed_from).toBeGreaterThanOrEqual(offset);
    expect(u.sent).toBe(bytes.length - u.resumed_from);
    expect(u.sent).toBeLessThan(bytes.length);
    expect(second.version.files).toEqual([
      expect.objectContaining({ path: "big.safetensors", size: bytes.length, sha256: sha256(bytes) }),
    ]);
    // The version holds the upload now: nothing is left to resume.
    expect(JSON.parse(readFileSync(join(configHome, "infera", "uploads.json"), "utf8"))).toEqual({});
  }, 180_000);

  it("datasets: bad lines are refused with their line numbers (exit 2); the corrected file becomes a version", async () => {
    const chat = (q: string, a: string) =>
      JSON.stringify({
        messages: [
          { role: "user", content: q },
          { role: "assistant", content: a },
        ],
      });
    const good = [
      chat("hi", "hello"),
      chat("2+2?", "4"),
      chat("capital of France?", "Paris"),
      chat("bye", "see you"),
    ];
    const bad = [good[0], "{not json", good[1], JSON.stringify({ messages: "nope" }), good[2]];
    const badFile = join(dir, "chats.jsonl");
    writeFileSync(badFile, `${bad.join("\n")}\n`);
    const reportFile = join(dir, "report.jsonl");

    const refused = await cli([
      "datasets",
      "upload",
      "--project",
      "Registry",
      "--name",
      "support",
      badFile,
      "--report",
      reportFile,
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain("2 of 5 line(s) invalid, 3 valid");
    expect(refused.stdout).toMatch(/│ 2\s+│ invalid_json/);
    expect(refused.stdout).toMatch(/│ 4\s+│ \w+/);
    expect(refused.stdout).toContain(`Saved the full report to ${reportFile}.`);
    expect(refused.stderr).toContain("no version was created");
    expect(refused.stderr).toContain("(unprocessable_content)");
    const report = readFileSync(reportFile, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(report.map((e: { line: number }) => e.line)).toEqual([2, 4]);
    // The dataset made for the refused version is gone again, and nothing claims it was created.
    expect(`${refused.stdout}${refused.stderr}`).not.toMatch(/created dataset/i);
    expect(json(await cli(["datasets", "list", "--project", projectId, "--json"])).data).toEqual([]);

    // The refused upload is kept: choosing keep-valid-only sends no byte again.
    const kept = json(
      await cli([
        "datasets",
        "upload",
        "--project",
        "Registry",
        "--name",
        "support",
        badFile,
        "--keep-valid-only",
        "--json",
      ]),
    );
    expect(kept.uploads[0]).toMatchObject({ sent: 0 });
    expect(kept.dataset_created).toBe(true);
    expect(kept.version).toMatchObject({ kept_valid_only: true, dropped_rows: 2, rows: 3, number: 1 });

    const fixed = join(dir, "chats-fixed.jsonl");
    writeFileSync(fixed, `${good.join("\n")}\n`);
    const created = await cli([
      "datasets",
      "upload",
      "--project",
      "Registry",
      "--name",
      "support",
      fixed,
      "--max-length",
      "5",
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).not.toContain("Created dataset");
    const versionId = /Created version (dsv_\w+) \(v2\)/.exec(created.stdout)?.[1];
    expect(versionId).toBeDefined();
    expect(created.stdout).toMatch(/^rows\s+4$/m);
    expect(created.stdout).toMatch(/^format\s+chat$/m);
    expect(created.stdout).toContain("messages[].role");
    expect(created.stdout).toMatch(/Token statistics \(.+, 4 rows\)/);
    expect(created.stdout).toMatch(/rows over 5 tokens: \d+/);

    const shown = await cli(["datasets", "show", "support", "--project", "Registry"]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain(versionId);
    expect(shown.stdout).toContain("kept valid only");
    const version = json(await cli(["datasets", "show", versionId!, "--json"]));
    expect(version.token_stats.rows).toBe(4);

    const out = join(dir, "dataset-download");
    const got = json(await cli(["datasets", "download", versionId!, "--out", out, "--json"]));
    expect(got.files).toEqual([expect.objectContaining({ path: "chats-fixed.jsonl", status: "downloaded" })]);
    expect(readFileSync(join(out, "chats-fixed.jsonl"))).toEqual(readFileSync(fixed));
  }, 300_000);

  it("datasets: an empty dataset of the same name (an abandoned wizard's) is reused, never refused as taken", async () => {
    const line = JSON.stringify({ prompt: "2+2?", completion: "4" });
    const abandoned = await api.datasets.create(projectId, { name: "Left-Empty" });
    const bad = join(dir, "left-bad.jsonl");
    writeFileSync(bad, `${line}\n{oops\n`);
    const refused = await cli(["datasets", "upload", "--project", projectId, "--name", "left-empty", bad]);
    expect(refused.code).toBe(2);
    // Not made by this run: the refusal leaves it as it was, and its report stays reachable.
    expect(refused.stdout).toContain("/report");
    expect((await api.datasets.get(abandoned.id)).version_count).toBe(0);

    const good = join(dir, "left-good.jsonl");
    writeFileSync(good, `${line}\n`);
    const filled = await cli(["datasets", "upload", "--project", projectId, "--name", "left-empty", good]);
    expect(filled.code, filled.stderr).toBe(0);
    expect(`${filled.stdout}${filled.stderr}`).not.toContain("Created dataset");
    expect(filled.stdout).toContain("(v1) of Left-Empty.");
    expect(await api.datasets.get(abandoned.id)).toMatchObject({ version_count: 1 });

    // A name the project does not have yet: made, and said so, only with its first version.
    const fresh = await cli(["datasets", "upload", "--project", projectId, "--name", "fresh", good]);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(fresh.stdout).toMatch(/^Created dataset fresh \(ds_\w+\) in Registry\.$/m);
  }, 120_000);

  it("datasets: a CSV with --map becomes a version with its mapping; --normalized downloads the mapped records", async () => {
    const csv = join(dir, "qa.csv");
    writeFileSync(csv, 'question,answer\r\n"What is 2+2?",4\r\n"Two lines, please","one\ntwo"\r\n');
    const up = json(
      await cli([
        "datasets",
        "upload",
        "--project",
        projectId,
        "--name",
        "qa-table",
        "--map",
        "prompt=question,completion=answer",
        csv,
        "--json",
      ]),
    );
    expect(up.version).toMatchObject({
      shape: "prompt_completion",
      mapping: { prompt: "question", completion: "answer" },
      rows: 2,
      files: [{ name: "qa.csv", container: "csv" }],
    });
    expect((await api.datasets.get(up.dataset_id)).mapping).toEqual({
      prompt: "question",
      completion: "answer",
    });
    const out = join(dir, "normalized");
    const got = json(
      await cli(["datasets", "download", up.version.id, "--normalized", "--out", out, "--json"]),
    );
    expect(got).toMatchObject({ rows: 2 });
    // A bad element of a JSON array is named by its index (exit 2).
    const array = join(dir, "alpaca.json");
    writeFileSync(
      array,
      '[\n{"instruction": "Say hi.", "output": "Hi."},\n{"instruction": "No output"}\n]\n',
    );
    const refused = await cli(["datasets", "upload", "--project", projectId, "--name", "alpaca", array]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain("1 of 2 record(s) invalid, 1 valid, 0 blank (shape alpaca → chat).");
    expect(refused.stdout).toMatch(/│ index 1\s+│ invalid_record/);
    expect(readFileSync(got.path, "utf8")).toBe(
      `${JSON.stringify({ prompt: "What is 2+2?", completion: "4" })}\n${JSON.stringify({ prompt: "Two lines, please", completion: "one\ntwo" })}\n`,
    );
  }, 120_000);

  it("refuses bad input with its exit code", async () => {
    expect((await cli(["models", "upload", "mdl_00000000000000000000000000", join(dir, "nope")])).code).toBe(
      2,
    );
    const file = join(dir, "tiny.safetensors");
    writeFileSync(file, safetensors(4, 3));
    expect((await cli(["models", "upload", "mdl_00000000000000000000000000", file])).code).toBe(5);
    expect((await cli(["models", "list"])).code).toBe(2);
    expect(
      (await cli(["models", "create", "--project", projectId, "--name", "x", "--visibility", "public"])).code,
    ).toBe(2);
  }, 60_000);
});
