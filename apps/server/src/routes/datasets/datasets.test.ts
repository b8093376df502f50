import { createHash } from "node:crypto";
import { readdir, readFile, utimes } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { registerReferenceKind } from "@infera/core";
import { seedServiceAccount, seedUser } from "@infera/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import { type HttpClient, httpClient, loginAs } from "../../testing/http.js";
import { startTestServer, TEST_ADMIN } from "../../testing/test-server.js";
import { putBytes, tinySafetensors } from "../models/model-test-helpers.js";
import { chatJsonl, putText, seedDataset } from "./dataset-test-helpers.js";

const PASSWORD = "a-long-enough-password-for-tests";
const tinyTokenizer = fileURLToPath(
  new URL("../../../../../packages/runtimes/assets/infera-tiny/tokenizer.json", import.meta.url),
);

describe("datasets API", () => {
  let server: RunningServer;
  let platform: HttpClient;
  let tenantId: string;
  let projectId: string;
  let developer: HttpClient;
  let owner: HttpClient;
  let finance: HttpClient;
  let viewer: HttpClient;
  let outsider: HttpClient;
  let saToken: string;
  let n = 0;
  const unique = (p: string) => `${p}-${Date.now().toString(36)}-${++n}`;

  async function user(
    role: "tenant_admin" | "member" | "finance",
    projects: { projectId: string; role: "owner" | "developer" | "viewer" }[] = [],
    tenant = tenantId,
  ) {
    const email = `${unique("u")}@example.test`;
    await seedUser(server.database.db, {
      email,
      password: PASSWORD,
      tenants: [{ tenantId: tenant, role }],
      projects,
    });
    return loginAs(server.url, email, PASSWORD);
  }

  /** A tus upload of `bytes` (sent in one PATCH unless `send` says how many bytes to send). */
  async function upload(bytes: Buffer, filename = "data.jsonl", send = bytes.length): Promise<string> {
    const b64 = (s: string) => Buffer.from(s).toString("base64");
    const tus = { authorization: `Bearer ${saToken}`, "tus-resumable": "1.0.0" };
    const created = await fetch(`${server.url}/api/v1/uploads`, {
      method: "POST",
      headers: {
        ...tus,
        "upload-length": String(bytes.length),
        "upload-metadata": `project_id ${b64(projectId)},filename ${b64(filename)}`,
      },
    });
    expect(created.status).toBe(201);
    const id = created.headers.get("location")!.split("/").pop()!;
    if (send > 0) {
      const sent = await fetch(`${server.url}/api/v1/uploads/${id}`, {
        method: "PATCH",
        headers: { ...tus, "upload-offset": "0", "content-type": "application/offset+octet-stream" },
        body: bytes.subarray(0, send),
      });
      expect(sent.status).toBe(204);
    }
    return id;
  }

  async function newDataset(client = developer, body: Record<string, unknown> = {}) {
    const d = await client.post(`/projects/${projectId}/datasets`, { name: unique("ds"), ...body });
    expect(d.status, d.text).toBe(201);
    return d.body.data.id as string;
  }

  beforeAll(async () => {
    server = await startTestServer();
    platform = await loginAs(server.url, TEST_ADMIN.email, TEST_ADMIN.password);
    tenantId = (await platform.post("/tenants", { name: unique("Datasets") })).body.data.id;
    const other = (await platform.post("/tenants", { name: unique("Other") })).body.data.id;
    const ownerEmail = `${unique("owner")}@example.test`;
    const o = await seedUser(server.database.db, {
      email: ownerEmail,
      password: PASSWORD,
      tenants: [{ tenantId, role: "member" }],
    });
    const admin = await user("tenant_admin");
    projectId = (
      await admin.post(`/tenants/${tenantId}/projects`, { name: unique("P"), env: "dev", owner_id: o.id })
    ).body.data.id;
    owner = await loginAs(server.url, ownerEmail, PASSWORD);
    developer = await user("member", [{ projectId, role: "developer" }]);
    viewer = await user("member", [{ projectId, role: "viewer" }]);
    finance = await user("finance");
    outsider = await user("tenant_admin", [], other);
    saToken = (await seedServiceAccount(server.database.db, { projectId, tenantId, role: "developer" }))
      .token;
  });
  afterAll(async () => server?.stop());

  it("creates a version from two uploads read in order: rows, digest, schema, token statistics, download, preview", async () => {
    const datasetId = await newDataset(developer, { description: "support chats", tags: ["support"] });
    const a = Buffer.from(chatJsonl(3, 1));
    const b = Buffer.from(`\n${chatJsonl(2, 50)}`);
    const ua = await upload(a, "part-1.jsonl");
    const ub = await upload(b, "part-2.jsonl");
    const v = await developer.post(`/datasets/${datasetId}/versions`, {
      files: [{ upload_id: ua }, { upload_id: ub, name: "more/part-2.jsonl" }],
      max_length: 12,
    });
    expect(v.status, v.text).toBe(201);
    const version = v.body.data;
    expect(version).toMatchObject({
      dataset_id: datasetId,
      project_id: projectId,
      number: 1,
      format: "chat",
      rows: 5,
      size: a.length + b.length,
      validation: { total: 6, valid: 5, invalid: 0, blank: 1 },
      kept_valid_only: false,
      dropped_rows: 0,
      report_href: null,
      parent_version_id: null,
      max_length: 12,
    });
    const sha = (x: Buffer) => createHash("sha256").update(x).digest("hex");
    expect(version.files).toEqual([
      { name: "part-1.jsonl", sha256: sha(a), size: a.length, lines: 3, container: "jsonl" },
      { name: "more/part-2.jsonl", sha256: sha(b), size: b.length, lines: 3, container: "jsonl" },
    ]);
    expect(version).toMatchObject({ shape: "chat", mapping: null });
    expect(version.digest).toBe(
      createHash("sha256")
        .update(`part-1.jsonl:${sha(a)}\nmore/part-2.jsonl:${sha(b)}`)
        .digest("hex"),
    );
    expect(version.schema.fields.map((f: { path: string }) => f.path)).toContain("messages[].role");
    expect(version.token_stats.tokenizer.id).toBe("gpt-tokenizer/o200k_base");
    expect(version.token_stats.rows).toBe(5);
    expect(version.token_stats.total.max).toBeGreaterThan(0);
    expect(version.token_stats.max_length).toBe(12);
    expect(version.token_stats.rows_over_max_length).toBeGreaterThanOrEqual(0);

    const d = await viewer.get(`/datasets/${datasetId}`);
    expect(d.body.data).toMatchObject({
      format: "chat",
      tags: ["support"],
      latest_version_id: version.id,
      version_count: 1,
      latest_version: { id: version.id, number: 1, rows: 5, total_tokens: version.token_stats.total.sum },
    });
    const listed = await viewer.get(`/projects/${projectId}/datasets?q=${encodeURIComponent(version.id)}`);
    expect(listed.body.data.map((x: { id: string }) => x.id)).toEqual([datasetId]);
    expect((await viewer.get(`/projects/${projectId}/datasets?rows_min=6&q=${datasetId}`)).body.data).toEqual(
      [],
    );
    const csv = await viewer.get(`/projects/${projectId}/datasets?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain(datasetId);
    expect((await viewer.get(`/datasets/${datasetId}/versions`)).body.data[0].id).toBe(version.id);

    const multi = await viewer.get(`/dataset-versions/${version.id}/download`);
    expect(multi.status).toBe(400);
    const file = await viewer.get(
      `/dataset-versions/${version.id}/download?file=${encodeURIComponent("more/part-2.jsonl")}`,
    );
    expect(file.status).toBe(200);
    expect(file.text).toBe(b.toString());
    expect(file.headers.get("etag")).toBe(`"${sha(b)}"`);
    const part = await viewer.get(`/dataset-versions/${version.id}/download?file=part-1.jsonl`, {
      range: "bytes=2-9",
    });
    expect(part.status).toBe(206);
    expect(part.text).toBe(a.subarray(2, 10).toString());
    expect(
      (
        await viewer.get(`/dataset-versions/${version.id}/download?file=part-1.jsonl`, {
          range: "bytes=99999-",
        })
      ).status,
    ).toBe(416);

    const preview = await viewer.get(`/dataset-versions/${version.id}/preview?limit=4`);
    expect(preview.body.data.masked).toBe(false);
    expect(preview.body.data.rows.map((r: { line: number }) => r.line)).toEqual([1, 2, 3, 5]);
    expect(preview.body.data.rows[3].value.messages[0].content).toContain("question 50-0");
    expect(preview.body.data.rows[3]).toMatchObject({ file_name: "more/part-2.jsonl", file_line: 2 });

    // Finance sees that rows exist, never their content; downloads are refused.
    const masked = await finance.get(`/dataset-versions/${version.id}/preview?limit=4`);
    expect(masked.status).toBe(200);
    expect(masked.body.data.masked).toBe(true);
    expect(masked.body.data.rows.every((r: { value: unknown }) => r.value === null)).toBe(true);
    expect(masked.text).not.toContain("question");
    expect((await finance.get(`/dataset-versions/${version.id}/download?file=part-1.jsonl`)).status).toBe(
      403,
    );
    expect((await finance.get(`/dataset-versions/${version.id}`)).status).toBe(200);
  });

  it("refuses a file with bad lines (422, line numbers, full report), then takes the corrected upload", async () => {
    const datasetId = await newDataset();
    const good = chatJsonl(2);
    const bad = `${good}{"messages": [}\n${chatJsonl(1, 9)}{"prompt": "p", "completion": 3}\n`;
    const up = await upload(Buffer.from(bad), "train.jsonl");
    const r = await developer.post(`/datasets/${datasetId}/versions`, { files: [{ upload_id: up }] });
    expect(r.status, r.text).toBe(422);
    expect(r.body.error.code).toBe("unprocessable_content");
    const details = r.body.error.details;
    expect(details.valid).toBe(false);
    expect(details.rows).toEqual({ total: 5, valid: 3, invalid: 2, blank: 0 });
    expect(details.errors.map((e: { line: number; code: string }) => [e.line, e.code])).toEqual([
      [3, "invalid_json"],
      [5, "format_mismatch"],
    ]);
    expect(details.errors[0]).toMatchObject({ file: 0, file_name: "train.jsonl", file_line: 3 });
    expect(details.report_href).toBe(`/api/v1/dataset-validation-runs/${details.validation_run_id}/report`);
    const report = await developer.get(details.report_href.replace("/api/v1", ""));
    expect(report.status).toBe(200);
    expect(report.headers.get("content-type")).toMatch(/ndjson/);
    const lines = report.text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l: { line: number }) => l.line)).toEqual([3, 5]);
    const csv = await developer.get(
      `/dataset-validation-runs/${details.validation_run_id}/report?format=csv`,
    );
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    expect(csv.text.split("\r\n").slice(0, 2)).toEqual([
      "line,file,file_name,file_line,index,container,column,code,message",
      expect.stringMatching(/^3,0,train\.jsonl,3,,jsonl,\d+,invalid_json,/),
    ]);
    const run = await viewer.get(`/dataset-validation-runs/${details.validation_run_id}`);
    expect(run.body.data.errors).toHaveLength(2);
    // Nothing was registered and the upload was not used up.
    expect((await developer.get(`/datasets/${datasetId}`)).body.data.version_count).toBe(0);
    const dry = await developer.post(`/datasets/${datasetId}/versions/validate`, {
      files: [{ upload_id: up }],
    });
    expect(dry.status).toBe(200);
    expect(dry.body.data.valid).toBe(false);

    const fixed = await upload(Buffer.from(chatJsonl(4, 3)), "train.jsonl");
    const okDry = await developer.post(`/datasets/${datasetId}/versions/validate`, {
      files: [{ upload_id: fixed }],
    });
    expect(okDry.body.data).toMatchObject({ valid: true, report_href: null, rows: { valid: 4 } });
    const v = await developer.post(`/datasets/${datasetId}/versions`, { files: [{ upload_id: fixed }] });
    expect(v.status, v.text).toBe(201);
    expect(v.body.data).toMatchObject({ number: 1, rows: 4 });
    // An upload makes one version only.
    expect(
      (await developer.post(`/datasets/${datasetId}/versions`, { files: [{ upload_id: fixed }] })).status,
    ).toBe(409);
  });

  it("keep_valid_only makes a version of the valid rows, records the drop and keeps the report", async () => {
    const datasetId = await newDataset();
    const text = `${chatJsonl(3, 4)}not json at all\n[1]\n${chatJsonl(1, 8)}`;
    const up = await upload(Buffer.from(text), "mixed.jsonl");
    const v = await developer.post(`/datasets/${datasetId}/versions`, {
      files: [{ upload_id: up }],
      keep_valid_only: true,
    });
    expect(v.status, v.text).toBe(201);
    const version = v.body.data;
    expect(version).toMatchObject({
      rows: 4,
      kept_valid_only: true,
      dropped_rows: 2,
      validation: { total: 6, valid: 4, invalid: 2 },
    });
    expect(version.files).toHaveLength(1);
    expect(version.files[0]).toMatchObject({ name: "mixed.valid.jsonl", lines: 4 });
    const kept = await developer.get(`/dataset-versions/${version.id}/download`);
    expect(kept.text).toBe(`${chatJsonl(3, 4)}${chatJsonl(1, 8)}`);
    const report = await developer.get(`/dataset-versions/${version.id}/validation-report`);
    expect(report.status).toBe(200);
    expect(
      report.text
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).line),
    ).toEqual([4, 5]);
    const audit = await owner.get(`/projects/${projectId}/audit-events?action=dataset.version.create`);
    const event = audit.body.data.find((e: { resource_id: string }) => e.resource_id === version.id);
    expect(event.after).toMatchObject({ kept_valid_only: true, dropped_rows: 2 });
    // All rows invalid: nothing to keep, still 422.
    const none = await upload(Buffer.from("x\ny\n"), "none.jsonl");
    const r = await developer.post(`/datasets/${datasetId}/versions`, {
      files: [{ upload_id: none }],
      keep_valid_only: true,
    });
    expect(r.status).toBe(422);
    expect(r.body.error.details.rows.valid).toBe(0);
  });

  it("reports non-UTF-8 bytes by line and column", async () => {
    const datasetId = await newDataset();
    const bytes = Buffer.concat([
      Buffer.from(chatJsonl(1)),
      Buffer.from('{"text": "caf'),
      Buffer.from([0xe9, 0x22, 0x7d, 0x0a]),
    ]);
    const up = await upload(bytes, "latin1.jsonl");
    const r = await developer.post(`/datasets/${datasetId}/versions`, { files: [{ upload_id: up }] });
    expect(r.status, r.text).toBe(422);
    expect(r.body.error.details.errors[0]).toMatchObject({ line: 2, code: "invalid_utf8", column: 14 });
  });

  it("a single 100 MB line is line_too_long, without holding it", async () => {
    const datasetId = await newDataset();
    const big = Buffer.alloc(100 * 1024 * 1024, 0x61);
    big.write('{"text": "', 0);
    big.write('"}\n', big.length - 3);
    const up = await upload(Buffer.concat([Buffer.from(chatJsonl(1)), big]), "big.jsonl");
    const r = await developer.post(`/datasets/${datasetId}/versions`, { files: [{ upload_id: up }] });
    expect(r.status, r.text.slice(0, 500)).toBe(422);
    expect(r.body.error.details.errors).toHaveLength(1);
    expect(r.body.error.details.errors[0]).toMatchObject({ line: 2, code: "line_too_long" });
    expect(r.body.error.details.rows).toMatchObject({ valid: 1, invalid: 1 });
  }, 120_000);

  it("10k malformed lines: the answer holds 20 errors, the downloadable report all 10k", async () => {
    const datasetId = await newDataset();
    let text = chatJsonl(1);
    for (let i = 0; i < 10_000; i++) text += `{"broken": ${i}\n`;
    const up = await upload(Buffer.from(text), "broken.jsonl");
    const r = await developer.post(`/datasets/${datasetId}/versions`, { files: [{ upload_id: up }] });
    expect(r.status).toBe(422);
    const details = r.body.error.details;
    expect(details.rows.invalid).toBe(10_000);
    expect(details.errors).toHaveLength(20);
    expect(details.errors_truncated).toBe(true);
    expect(details.errors[0].line).toBe(2);
    expect(r.text.length).toBeLessThan(30_000);
    const report = await developer.get(`/dataset-validation-runs/${details.validation_run_id}/report`);
    const lines = report.text.trim().split("\n");
    expect(lines).toHaveLength(10_000);
    expect(JSON.parse(lines[9_999]!).line).toBe(10_001);
  });

  it("refuses unsafe file names: traversal, absolute, backslash, NUL (also from the upload's own filename)", async () => {
    const datasetId = await newDataset();
    const sha256 = await putText(developer, projectId, chatJsonl(1));
    for (const name of [
      "../escape.jsonl",
      "a/../../b.jsonl",
      "/etc/passwd",
      "C:/x.jsonl",
      "a\\b.jsonl",
      "a\u0000b",
    ]) {
      const r = await developer.post(`/datasets/${datasetId}/versions`, { files: [{ sha256, name }] });
      expect(r.status, name).toBe(400);
    }
    // A tus upload named that way is refused when it is created.
    const b64 = Buffer.from("../../evil.jsonl").toString("base64");
    const created = await fetch(`${server.url}/api/v1/uploads`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${saToken}`,
        "tus-resumable": "1.0.0",
        "upload-length": "10",
        "upload-metadata": `project_id ${Buffer.from(projectId).toString("base64")},filename ${b64}`,
      },
    });
    expect(created.status).toBe(400);
    // A name given for an upload is checked the same way.
    const up = await upload(Buffer.from(chatJsonl(1)), "fine.jsonl");
    const r = await developer.post(`/datasets/${datasetId}/versions`, {
      files: [{ upload_id: up, name: "../evil.jsonl" }],
    });
    expect(r.status).toBe(400);
    const ok = await developer.post(`/datasets/${datasetId}/versions`, { files: [{ upload_id: up }] });
    expect(ok.status, ok.text).toBe(201);
    expect(ok.body.data.files[0].name).toBe("fine.jsonl");
  });

  it("an unfinished upload answers a clear conflict and registers nothing", async () => {
    const datasetId = await newDataset();
    const bytes = Buffer.from(chatJsonl(50));
    const up = await upload(bytes, "cut.jsonl", 100);
    const r = await developer.post(`/datasets/${datasetId}/versions`, { files: [{ upload_id: up }] });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/uploading \(100 of \d+ bytes received\), not complete/);
    expect(r.body.error.details).toMatchObject({ upload_id: up, state: "uploading", offset: 100 });
    expect((await developer.get(`/datasets/${datasetId}`)).body.data.version_count).toBe(0);
    const unknown = await developer.post(`/datasets/${datasetId}/versions`, {
      files: [{ upload_id: "upl_00000000000000000000000000" }],
    });
    expect(unknown.status).toBe(404);
  });

  it("unknown and other-tenant ids answer 404; names are unique ignoring case", async () => {
    const { datasetId, versionIds } = await seedDataset(developer, projectId);
    for (const path of [
      `/datasets/${datasetId}`,
      `/datasets/${datasetId}/versions`,
      `/dataset-versions/${versionIds[0]}`,
      `/dataset-versions/${versionIds[0]}/preview`,
      `/projects/${projectId}/datasets`,
    ])
      expect((await outsider.get(path)).status, path).toBe(404);
    expect((await outsider.delete(`/dataset-versions/${versionIds[0]}`)).status).toBe(404);
    expect((await developer.get("/datasets/ds_00000000000000000000000000")).status).toBe(404);
    expect((await developer.get("/dataset-versions/dsv_00000000000000000000000000")).status).toBe(404);
    expect((await developer.get("/dataset-validation-runs/dsvr_00000000000000000000000000")).status).toBe(
      404,
    );
    const name = unique("Support");
    await newDataset(developer, { name });
    const dup = await developer.post(`/projects/${projectId}/datasets`, { name: name.toUpperCase() });
    expect(dup.status).toBe(409);
    // A version of another format than the dataset's is refused.
    const sha256 = await putText(developer, projectId, '{"text": "plain"}\n');
    const wrong = await developer.post(`/datasets/${datasetId}/versions`, {
      files: [{ sha256, name: "t.jsonl" }],
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.details.errors[0].code).toBe("format_mismatch");
  });

  it("concurrent version creation gets distinct numbers", async () => {
    const datasetId = await newDataset();
    const shas = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => putText(developer, projectId, chatJsonl(3, 300 + i))),
    );
    const results = await Promise.all(
      shas.map((sha256) =>
        developer.post(`/datasets/${datasetId}/versions`, { files: [{ sha256, name: "d.jsonl" }] }),
      ),
    );
    for (const r of results) expect(r.status, r.text).toBe(201);
    expect(results.map((r) => r.body.data.number).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it("splits deterministically by seed into train and validation versions with lineage", async () => {
    const { datasetId, versionIds } = await seedDataset(developer, projectId, { rows: 40 });
    const parent = versionIds[0]!;
    const s1 = await developer.post(`/dataset-versions/${parent}/split`, {
      validation_ratio: 0.25,
      seed: 42,
    });
    expect(s1.status, s1.text).toBe(201);
    const { train, validation } = s1.body.data;
    expect(train).toMatchObject({ rows: 30, split_role: "train", parent_version_id: parent, number: 2 });
    expect(validation).toMatchObject({
      rows: 10,
      split_role: "validation",
      parent_version_id: parent,
      number: 3,
    });
    expect(train.split_params).toEqual({ seed: 42, validation_ratio: 0.25, validation_rows: null });
    expect(validation.token_stats.rows).toBe(10);
    const again = await developer.post(`/dataset-versions/${parent}/split`, {
      validation_rows: 10,
      seed: 42,
    });
    expect(again.body.data.train.digest).toBe(train.digest);
    expect(again.body.data.validation.digest).toBe(validation.digest);
    const other = await developer.post(`/dataset-versions/${parent}/split`, { validation_rows: 10, seed: 7 });
    expect(other.body.data.validation.files[0].sha256).not.toBe(validation.files[0].sha256);
    const trainRows = (await developer.get(`/dataset-versions/${train.id}/download`)).text.trim().split("\n");
    const valRows = (await developer.get(`/dataset-versions/${validation.id}/download`)).text
      .trim()
      .split("\n");
    const all = (await developer.get(`/dataset-versions/${parent}/download`)).text.trim().split("\n");
    expect([...trainRows, ...valRows].sort()).toEqual([...all].sort());
    expect(
      (await developer.get(`/datasets/${datasetId}/versions?split_role=validation`)).body.data,
    ).toHaveLength(3);
    expect((await developer.post(`/dataset-versions/${parent}/split`, { validation_rows: 40 })).status).toBe(
      400,
    );
    expect(
      (
        await developer.post(`/dataset-versions/${parent}/split`, {
          validation_rows: 3,
          validation_ratio: 0.1,
        })
      ).status,
    ).toBe(400);

    // The parent is referenced by its parts: 409 with them as dependants, usage lists them.
    const del = await owner.delete(`/dataset-versions/${parent}`);
    expect(del.status).toBe(409);
    expect(del.body.error.code).toBe("resource_in_use");
    expect(del.body.error.details.dependants.map((d: { id: string }) => d.id)).toContain(train.id);
    const usage = await viewer.get(`/dataset-versions/${parent}/usage`);
    expect(usage.body.data.dependants).toHaveLength(6);
    // Own lineage does not keep the dataset itself from being deleted.
    expect((await viewer.get(`/datasets/${datasetId}/usage`)).body.data.dependants).toEqual([]);
    expect((await owner.delete(`/dataset-versions/${train.id}`)).status).toBe(204);
    expect((await owner.delete(`/datasets/${datasetId}`)).status).toBe(204);
    expect((await owner.get(`/dataset-versions/${parent}`)).status).toBe(404);
  });

  it("deleting a referenced dataset or version answers 409 through a registered reference kind", async () => {
    const { datasetId, versionIds } = await seedDataset(developer, projectId, { versions: 2 });
    // On this test server's own registry: nothing leaks into other test files.
    registerReferenceKind(server.systemCtx.registry, {
      type: "test_job",
      async find(_exec, target) {
        if (target.type !== "dataset_version" || target.id !== versionIds[0]) return [];
        return [
          { type: "test_job", id: "job_1", name: "fine-tune 1", project_id: projectId, href: "/jobs/job_1" },
        ];
      },
    });
    try {
      const v = await owner.delete(`/dataset-versions/${versionIds[0]}`);
      expect(v.status).toBe(409);
      expect(v.body.error.details.dependants).toEqual([
        { type: "test_job", id: "job_1", name: "fine-tune 1", project_id: projectId, href: "/jobs/job_1" },
      ]);
      const d = await owner.delete(`/datasets/${datasetId}`);
      expect(d.status).toBe(409);
      expect(d.body.error.details.dependants).toHaveLength(1);
      expect((await viewer.get(`/datasets/${datasetId}/usage`)).body.data.dependants[0].id).toBe("job_1");
      expect((await owner.delete(`/dataset-versions/${versionIds[1]}`)).status).toBe(204);
    } finally {
      server.systemCtx.registry.referenceKinds.delete("test_job");
    }
    expect((await owner.delete(`/datasets/${datasetId}`)).status).toBe(204);
  });

  it("counts tokens with the named base model version's tokenizer", async () => {
    const bytes = await readFile(tinyTokenizer);
    const tokSha = await putBytes(developer, projectId, bytes);
    const m = await developer.post(`/projects/${projectId}/models`, { name: unique("tiny") });
    const mv = await developer.post(`/models/${m.body.data.id}/versions`, {
      files: [
        { path: "model.safetensors", sha256: await putBytes(developer, projectId, tinySafetensors()) },
        { path: "tokenizer.json", sha256: tokSha },
      ],
    });
    expect(mv.status, mv.text).toBe(201);
    const datasetId = await newDataset();
    const sha256 = await putText(developer, projectId, chatJsonl(5));
    const v = await developer.post(`/datasets/${datasetId}/versions`, {
      files: [{ sha256, name: "d.jsonl" }],
      base_model_version_id: mv.body.data.id,
    });
    expect(v.status, v.text).toBe(201);
    expect(v.body.data.base_model_version_id).toBe(mv.body.data.id);
    expect(v.body.data.token_stats.tokenizer.id).toBe(`model-version/${mv.body.data.id}`);
    const plain = await developer.post(`/datasets/${datasetId}/versions`, {
      files: [{ sha256, name: "d.jsonl" }],
    });
    expect(plain.body.data.token_stats.total.sum).not.toBe(v.body.data.token_stats.total.sum);
    const missing = await developer.post(`/datasets/${datasetId}/versions`, {
      files: [{ sha256, name: "d.jsonl" }],
      base_model_version_id: "mv_00000000000000000000000000",
    });
    expect(missing.status).toBe(400);
  });

  it("garbage collection spares version files, dropped-row reports and kept validation reports", async () => {
    const datasetId = await newDataset();
    const original = Buffer.from(`${chatJsonl(2, 61)}oops\n`);
    const up = await upload(original, "gc.jsonl");
    const kept = (
      await developer.post(`/datasets/${datasetId}/versions`, {
        files: [{ upload_id: up }],
        keep_valid_only: true,
      })
    ).body.data;
    const sha256 = await putText(developer, projectId, `${chatJsonl(1, 62)}bad\n`);
    const refused = await developer.post(`/datasets/${datasetId}/versions`, {
      files: [{ sha256, name: "r.jsonl" }],
    });
    expect(refused.status).toBe(422);
    // Everything in the store is made two hours old, past the grace period.
    const old = new Date(Date.now() - 2 * 3600_000);
    const root = fileURLToPath(server.blobs.location);
    for (const entry of await readdir(root, { recursive: true, withFileTypes: true }))
      if (entry.isFile()) await utimes(join(entry.parentPath, entry.name), old, old);
    const gc = await platform.get("/admin/blobs/gc");
    expect(gc.status).toBe(200);
    const garbage = new Set(gc.body.data.garbage.blobs.map((b: { sha256: string }) => b.sha256));
    for (const d of [kept.files[0].sha256, kept.report_sha256, refused.body.error.details.report_sha256])
      expect(garbage.has(d), d).toBe(false);
    expect(kept.report_sha256).toMatch(/^[0-9a-f]{64}$/);
    // The uploaded original is no longer needed: the version holds its valid rows.
    expect(gc.body.data.garbage.truncated).toBe(false);
    expect(garbage.has(createHash("sha256").update(original).digest("hex"))).toBe(true);
  });

  it("refuses writes to roles without them", async () => {
    const { datasetId } = await seedDataset(developer, projectId, { versions: 0 });
    expect((await viewer.patch(`/datasets/${datasetId}`, { name: "x" })).status).toBe(403);
    expect((await developer.delete(`/datasets/${datasetId}`)).status).toBe(403);
    expect((await httpClient(server.url).get(`/datasets/${datasetId}`)).status).toBe(401);
    const renamed = await developer.patch(`/datasets/${datasetId}`, { name: unique("renamed"), tags: ["a"] });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data.tags).toEqual(["a"]);
  });
});
