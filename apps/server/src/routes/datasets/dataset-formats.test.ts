import { gzipSync } from "node:zlib";
import { normalizedRows } from "@infera/dataset-validation";
import { seedUser } from "@infera/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import { type HttpClient, loginAs } from "../../testing/http.js";
import { startTestServer, TEST_ADMIN } from "../../testing/test-server.js";
import { uploadBytes } from "../../testing/upload-bytes.js";

const PASSWORD = "a-long-enough-password-for-tests";

// Fixtures written from each tool's documented examples (LLaMA-Factory's data/README.md for Alpaca
// and ShareGPT, OpenAI's fine-tuning guide), not copied files.
const ALPACA = [
  {
    instruction: "Summarize the text.",
    input: "Cells are the unit of life.",
    output: "Life is cells.",
    system: "Be brief.",
  },
  { instruction: "Translate to French.", input: "", output: "Bonjour.", history: [["Hi", "Hello!"]] },
  { instruction: "Name a colour.", output: "Blue." },
];
const alpacaArray = () => Buffer.from(JSON.stringify(ALPACA, null, 2));

const SHAREGPT = [
  {
    conversations: [
      { from: "human", value: "Weather in Paris?" },
      { from: "function_call", value: '{"name": "get_weather", "arguments": {"city": "Paris"}}' },
      { from: "observation", value: '{"temperature": 18}' },
      { from: "gpt", value: "18 °C." },
    ],
    system: "You are a weather assistant.",
    tools: '[{"name": "get_weather", "parameters": {"type": "object"}}]',
  },
  {
    conversations: [
      { from: "human", value: "Hi" },
      { from: "gpt", value: "Hello, how can I help?" },
    ],
  },
];
const sharegptJsonl = () => Buffer.from(`${SHAREGPT.map((r) => JSON.stringify(r)).join("\n")}\n`);

/** A table with a quoted multi-line field and an embedded comma; its columns need a mapping. */
const qaCsv = (seed = "") =>
  Buffer.from(
    `question,answer,source\r\n"What is 2+2?${seed}",4,math\r\n"Write two lines, please${seed}","line one\nline two",poetry\r\n`,
  );

const text = async (chunks: AsyncIterable<Uint8Array>) => {
  let out = "";
  const decoder = new TextDecoder();
  for await (const c of chunks) out += decoder.decode(c, { stream: true });
  return out;
};

describe("dataset formats: shapes, containers and column mapping over the API", () => {
  let server: RunningServer;
  let tenantId: string;
  let projectId: string;
  let developer: HttpClient;
  let outsider: HttpClient;
  let n = 0;
  const unique = (p: string) => `${p}-${Date.now().toString(36)}-${++n}`;

  async function user(role: "tenant_admin" | "member", tenant: string, project?: string) {
    const email = `${unique("u")}@example.test`;
    await seedUser(server.database.db, {
      email,
      password: PASSWORD,
      tenants: [{ tenantId: tenant, role }],
      projects: project ? [{ projectId: project, role: "developer" }] : [],
    });
    return loginAs(server.url, email, PASSWORD);
  }

  const newDataset = async () => {
    const d = await developer.post(`/projects/${projectId}/datasets`, { name: unique("ds") });
    expect(d.status, d.text).toBe(201);
    return d.body.data.id as string;
  };
  const put = (bytes: Buffer, name: string) => uploadBytes(developer, projectId, bytes, name);

  beforeAll(async () => {
    server = await startTestServer();
    const platform = await loginAs(server.url, TEST_ADMIN.email, TEST_ADMIN.password);
    tenantId = (await platform.post("/tenants", { name: unique("Formats") })).body.data.id;
    const other = (await platform.post("/tenants", { name: unique("Other") })).body.data.id;
    const admin = await user("tenant_admin", tenantId);
    const owner = await seedUser(server.database.db, {
      email: `${unique("owner")}@example.test`,
      password: PASSWORD,
      tenants: [{ tenantId, role: "member" }],
    });
    projectId = (
      await admin.post(`/tenants/${tenantId}/projects`, { name: unique("P"), env: "dev", owner_id: owner.id })
    ).body.data.id;
    developer = await user("member", tenantId, projectId);
    outsider = await user("tenant_admin", other);
  });
  afterAll(async () => server?.stop());

  it("an Alpaca JSON array: recognized, token statistics, normalized JSONL equal to the engine's", async () => {
    const datasetId = await newDataset();
    const bytes = alpacaArray();
    const sha256 = await put(bytes, "alpaca.json");
    const v = await developer.post(`/datasets/${datasetId}/versions`, {
      files: [{ sha256, name: "alpaca.json" }],
    });
    expect(v.status, v.text).toBe(201);
    expect(v.body.data).toMatchObject({
      format: "chat",
      shape: "alpaca",
      mapping: null,
      rows: 3,
      files: [{ name: "alpaca.json", container: "json", lines: 3 }],
    });
    // Counted on the mapped (chat) form: prompts are system + user turns, completions the answers.
    const stats = v.body.data.token_stats;
    expect(stats.rows).toBe(3);
    expect(stats.prompt.sum).toBeGreaterThan(0);
    expect(stats.completion.sum).toBeGreaterThan(0);
    const d = await developer.get(`/datasets/${datasetId}`);
    expect(d.body.data).toMatchObject({ format: "chat", shape: "alpaca", mapping: null });

    const res = await developer.get(`/dataset-versions/${v.body.data.id}/normalized`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/x-ndjson/);
    expect(res.headers.get("content-disposition")).toMatch(/-v1\.normalized\.jsonl"$/);
    expect(res.headers.get("x-infera-rows")).toBe("3");
    expect(res.text).toBe(await text(normalizedRows([{ name: "alpaca.json", data: [bytes] }])));
    const first = JSON.parse(res.text.split("\n")[0]!);
    expect(first.messages).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Summarize the text.\nCells are the unit of life." },
      { role: "assistant", content: "Life is cells." },
    ]);
    // The version preview shows the record as uploaded and in the internal form.
    const preview = await developer.get(`/dataset-versions/${v.body.data.id}/preview?limit=1`);
    expect(preview.body.data).toMatchObject({ format: "chat", shape: "alpaca" });
    expect(preview.body.data.rows[0]).toMatchObject({ value: ALPACA[0], normalized: first });

    // Another tenant cannot read it, normalized or not.
    expect((await outsider.get(`/dataset-versions/${v.body.data.id}/normalized`)).status).toBe(404);
  });

  it("a ShareGPT JSONL with a system prompt and tool turns", async () => {
    const datasetId = await newDataset();
    const sha256 = await put(sharegptJsonl(), "chats.jsonl");
    const v = await developer.post(`/datasets/${datasetId}/versions`, {
      files: [{ sha256, name: "chats.jsonl" }],
    });
    expect(v.status, v.text).toBe(201);
    expect(v.body.data).toMatchObject({
      format: "chat",
      shape: "sharegpt",
      rows: 2,
      files: [{ container: "jsonl", lines: 2 }],
    });
    expect(v.body.data.token_stats.rows).toBe(2);
    const res = await developer.get(`/dataset-versions/${v.body.data.id}/normalized`);
    const first = JSON.parse(res.text.split("\n")[0]!);
    expect(first.messages.map((m: { role: string }) => m.role)).toEqual([
      "system",
      "user",
      "assistant",
      "tool",
      "assistant",
    ]);
    expect(first.messages[2].tool_calls[0].function.name).toBe("get_weather");
    expect(first.tools[0]).toMatchObject({ type: "function", function: { name: "get_weather" } });
  });

  it("a CSV with a mapping: dry run columns and preview, the version and its dataset keep the mapping, the next version reuses it", async () => {
    const datasetId = await newDataset();
    const sha256 = await put(qaCsv(), "qa.csv");
    const files = [{ sha256, name: "qa.csv" }];

    // Without a mapping no row has the fields of a shape, but the columns say what to map.
    const bare = await developer.post(`/datasets/${datasetId}/versions/validate`, { files });
    expect(bare.status, bare.text).toBe(200);
    expect(bare.body.data).toMatchObject({
      valid: false,
      shape: null,
      rows: { valid: 0, invalid: 2 },
      files: [{ container: "csv", lines: 2 }],
      columns: ["question", "answer", "source"],
      preview: [],
    });
    expect(bare.body.data.errors[0]).toMatchObject({
      code: "unknown_format",
      file_line: 2,
      index: null,
      container: "csv",
    });

    const mapping = { prompt: "question", completion: "answer" };
    const dry = await developer.post(`/datasets/${datasetId}/versions/validate`, { files, mapping });
    expect(dry.body.data).toMatchObject({ valid: true, shape: "prompt_completion", mapping });
    expect(dry.body.data.preview).toEqual([
      {
        line: 1,
        file_name: "qa.csv",
        file_line: 2,
        value: { source: "math", prompt: "What is 2+2?", completion: "4" },
        normalized: { prompt: "What is 2+2?", completion: "4" },
      },
      {
        line: 2,
        file_name: "qa.csv",
        file_line: 3,
        value: { source: "poetry", prompt: "Write two lines, please", completion: "line one\nline two" },
        normalized: { prompt: "Write two lines, please", completion: "line one\nline two" },
      },
    ]);
    // Content is answered, not kept with the run.
    const run = await developer.get(`/dataset-validation-runs/${dry.body.data.validation_run_id}`);
    expect(run.body.data).toMatchObject({ mapping, columns: ["question", "answer", "source"], preview: [] });

    const v1 = await developer.post(`/datasets/${datasetId}/versions`, { files, mapping });
    expect(v1.status, v1.text).toBe(201);
    expect(v1.body.data).toMatchObject({
      format: "prompt_completion",
      shape: "prompt_completion",
      mapping,
      rows: 2,
      files: [{ name: "qa.csv", container: "csv", lines: 2 }],
    });
    expect(v1.body.data.token_stats.prompt.sum).toBeGreaterThan(0);
    expect(v1.body.data.token_stats.completion.sum).toBeGreaterThan(0);
    expect((await developer.get(`/datasets/${datasetId}`)).body.data).toMatchObject({
      shape: "prompt_completion",
      mapping,
    });
    const normalized = await developer.get(`/dataset-versions/${v1.body.data.id}/normalized`);
    expect(normalized.text).toBe(
      `${JSON.stringify({ prompt: "What is 2+2?", completion: "4" })}\n${JSON.stringify({
        prompt: "Write two lines, please",
        completion: "line one\nline two",
      })}\n`,
    );
    // The mapping saved on the dataset is recorded with the version that saved it.
    const audit = await developer.get(
      `/projects/${projectId}/audit-events?action=dataset.version.create&resource_id=${v1.body.data.id}`,
    );
    expect(audit.body.data[0].after.dataset_saved).toEqual({
      before: { shape: null, mapping: null },
      after: { shape: "prompt_completion", mapping },
    });

    // The next CSV (gzipped this time) gives no mapping: the saved one reads it.
    const sha2 = await put(Buffer.from(gzipSync(qaCsv(" again"))), "qa-2.csv.gz");
    const v2 = await developer.post(`/datasets/${datasetId}/versions`, {
      files: [{ sha256: sha2, name: "qa-2.csv.gz" }],
    });
    expect(v2.status, v2.text).toBe(201);
    expect(v2.body.data).toMatchObject({
      number: 2,
      shape: "prompt_completion",
      mapping,
      rows: 2,
      files: [{ container: "csv" }],
    });

    // A split of a table version: JSONL parts of the mapped rows, read without a mapping.
    const split = await developer.post(`/dataset-versions/${v1.body.data.id}/split`, {
      validation_rows: 1,
      seed: 1,
    });
    expect(split.status, split.text).toBe(201);
    for (const part of [split.body.data.train, split.body.data.validation])
      expect(part).toMatchObject({
        shape: "prompt_completion",
        mapping: null,
        rows: 1,
        files: [{ container: "jsonl" }],
      });
    const parts = await Promise.all(
      [split.body.data.train, split.body.data.validation].map(
        async (p: { id: string }) => (await developer.get(`/dataset-versions/${p.id}/normalized`)).text,
      ),
    );
    expect(parts.join("").split("\n").filter(Boolean).sort()).toEqual(
      normalized.text.split("\n").filter(Boolean).sort(),
    );
  });

  it("a mapping naming a column the table lacks is refused naming the column, the saved one saying where it came from", async () => {
    const datasetId = await newDataset();
    const sha256 = await put(qaCsv(" missing"), "qa.csv");
    const files = [{ sha256, name: "qa.csv" }];
    const bad = await developer.post(`/datasets/${datasetId}/versions`, {
      files,
      mapping: { prompt: "question", completion: "reply" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("validation_error");
    expect(bad.body.error.message).toMatch(/column "reply"/);
    expect(bad.body.error.message).toMatch(/question, answer, source/);
    // Malformed mappings are refused by the contract.
    const twice = await developer.post(`/datasets/${datasetId}/versions/validate`, {
      files,
      mapping: { prompt: "question", completion: "question" },
    });
    expect(twice.status).toBe(400);
    expect(twice.text).toMatch(/mapped twice/);

    // A saved mapping that does not fit a later file says so, and `{}` reads without it.
    const patched = await developer.patch(`/datasets/${datasetId}`, { mapping: { text: "body" } });
    expect(patched.body.data.mapping).toEqual({ text: "body" });
    const saved = await developer.post(`/datasets/${datasetId}/versions/validate`, { files });
    expect(saved.status).toBe(400);
    expect(saved.body.error.message).toMatch(/column "body".*saved on dataset/);
    const without = await developer.post(`/datasets/${datasetId}/versions/validate`, { files, mapping: {} });
    expect(without.status, without.text).toBe(200);
    expect(without.body.data).toMatchObject({ mapping: null, rows: { invalid: 2 } });
  });

  it("a malformed array element comes back with its index; keep-valid-only keeps a JSON mapping", async () => {
    const datasetId = await newDataset();
    const records = [
      { q: "What is the capital of France?", a: "Paris." },
      { q: "An element without its answer" },
      { q: "What is 3 x 3?", a: "9" },
    ];
    const bytes = Buffer.from(`[\n${records.map((r) => JSON.stringify(r)).join(",\n")}\n]\n`);
    const sha256 = await put(bytes, "qa.json");
    const mapping = { prompt: "q", completion: "a" };
    const refused = await developer.post(`/datasets/${datasetId}/versions`, {
      files: [{ sha256, name: "qa.json" }],
      mapping,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.errors).toEqual([
      expect.objectContaining({
        line: 2,
        file_line: 3,
        index: 1,
        container: "json",
        code: "invalid_record",
        message: expect.stringMatching(/completion/),
      }),
    ]);
    const report = await developer.get(
      `/dataset-validation-runs/${refused.body.error.details.validation_run_id}/report`,
    );
    expect(JSON.parse(report.text.trim())).toMatchObject({ index: 1, container: "json", file_line: 3 });

    const kept = await developer.post(`/datasets/${datasetId}/versions`, {
      files: [{ sha256, name: "qa.json" }],
      mapping,
      keep_valid_only: true,
    });
    expect(kept.status, kept.text).toBe(201);
    // The kept rows are stored as uploaded (JSON records), so the version reads them with the mapping.
    expect(kept.body.data).toMatchObject({
      rows: 2,
      mapping,
      files: [{ name: "qa.json.valid.jsonl", container: "jsonl" }],
    });
    const normalized = await developer.get(`/dataset-versions/${kept.body.data.id}/normalized`);
    expect(
      normalized.text
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { prompt: "What is the capital of France?", completion: "Paris." },
      { prompt: "What is 3 x 3?", completion: "9" },
    ]);
  });

  it("a shape that does not give the dataset's records is refused before reading", async () => {
    const datasetId = await newDataset();
    const sha256 = await put(sharegptJsonl(), "chats.jsonl");
    expect(
      (await developer.post(`/datasets/${datasetId}/versions`, { files: [{ sha256, name: "c.jsonl" }] }))
        .status,
    ).toBe(201);
    const alpaca = await put(alpacaArray(), "alpaca.json");
    // The dataset's saved shape (sharegpt) reads the next version unless it names another of the same form.
    const implicit = await developer.post(`/datasets/${datasetId}/versions/validate`, {
      files: [{ sha256: alpaca, name: "alpaca.json" }],
    });
    expect(implicit.body.data.errors[0]).toMatchObject({ code: "format_mismatch", index: 0 });
    const named = await developer.post(`/datasets/${datasetId}/versions`, {
      files: [{ sha256: alpaca, name: "alpaca.json" }],
      shape: "alpaca",
    });
    expect(named.status, named.text).toBe(201);
    expect((await developer.get(`/datasets/${datasetId}`)).body.data.shape).toBe("alpaca");
    const other = await developer.post(`/datasets/${datasetId}/versions/validate`, {
      files: [{ sha256: alpaca, name: "alpaca.json" }],
      shape: "prompt_completion",
    });
    expect(other.status).toBe(400);
    expect(other.body.error.message).toMatch(/holds chat records; shape prompt_completion/);
  });
});
