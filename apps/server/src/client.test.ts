import { createHash } from "node:crypto";
import {
  createClient,
  type FetchLike,
  InferaApiError,
  type InferaClient,
  type PreviousUpload,
  type UploadUrlStorage,
  uploadIdFromUrl,
} from "@infera/client";
import { storeUsageRecords } from "@infera/core";
import { usageRecordNo } from "@infera/gateway/testing";
import { echoInferenceCaller } from "@infera/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "./main.js";
import { tinySafetensors } from "./routes/models/model-test-helpers.js";
import { startTestServer, TEST_ADMIN } from "./testing/test-server.js";
import { unique } from "./testing/world.js";

/** The typed client of packages/client against a real server (packages may not import apps). */
describe("@infera/client against a real server", () => {
  let server: RunningServer;
  let admin: InferaClient;
  let tenantId: string;
  let projectId: string;
  let adminId: string;
  const password = "correct horse battery staple";

  beforeAll(async () => {
    server = await startTestServer({}, { inference: echoInferenceCaller() });
    admin = createClient({ baseUrl: server.url });
    const login = await admin.auth.login({ ...TEST_ADMIN, issue_token: true });
    adminId = login.user.id;
    const tenant = await admin.tenants.create({ name: `Client ${unique()}` });
    tenantId = tenant.id;
    // The platform admin joins the tenant it made, so it can own projects in it.
    await admin.tenantUsers.create(tenantId, { email: TEST_ADMIN.email, role: "tenant_admin" });
    projectId = (await admin.projects.create(tenantId, { name: "Client main", env: "dev" })).id;
  });
  afterAll(async () => server?.stop());

  it("signs in with a bearer token and reads me, tenants and permissions", async () => {
    expect(admin.token).toMatch(/\S{20,}/);
    const me = await admin.auth.me();
    expect(me.user?.email).toBe(TEST_ADMIN.email);
    expect(me.tenants.map((t) => t.id)).toContain(tenantId);
    expect((await admin.tenants.get(tenantId)).id).toBe(tenantId);
    const renamed = await admin.tenants.update(tenantId, { members_can_create_projects: true });
    expect(renamed.members_can_create_projects).toBe(true);
    const perms = await admin.auth.permissions({ project_id: projectId });
    expect(perms.project_id).toBe(projectId);
    expect(perms.actions["project.delete"]?.allowed).toBe(true);
  });

  it("accepts a base URL with /api/v1 and a trailing slash", async () => {
    const c = createClient({ baseUrl: `${server.url}/api/v1/`, token: admin.token });
    expect((await c.auth.me()).user?.email).toBe(TEST_ADMIN.email);
  });

  it("creates, reads, updates and deletes projects, and walks every page", async () => {
    const names = ["Page a", "Page b", "Page c"];
    for (const name of names) await admin.projects.create(tenantId, { name, env: "test" });
    const first = await admin.projects.list(tenantId, { env: "test", limit: 2, sort: "name" });
    expect(first.data.map((p) => p.name)).toEqual(["Page a", "Page b"]);
    expect(first.next_cursor).not.toBeNull();
    const second = await admin.projects.list(tenantId, {
      env: "test",
      limit: 2,
      sort: "name",
      cursor: first.next_cursor!,
    });
    expect(second).toMatchObject({ data: [{ name: "Page c" }], next_cursor: null });
    const all: string[] = [];
    for await (const p of admin.projects.iterate(tenantId, { env: "test", limit: 1, sort: "name" }))
      all.push(p.name);
    expect(all).toEqual(names);

    const b = first.data[1]!;
    expect((await admin.projects.get(b.id)).name).toBe("Page b");
    expect((await admin.projects.update(b.id, { description: "second" })).description).toBe("second");
    await admin.projects.delete(b.id, { confirm_name: "Page b" });
    await expect(admin.projects.get(b.id)).rejects.toMatchObject({ status: 404, code: "not_found" });
  });

  it("adds tenant users and members, and reports the last-owner rule as an InferaApiError", async () => {
    const email = `dev.${unique()}@example.test`;
    const added = await admin.tenantUsers.create(tenantId, { email, password, role: "member" });
    if (added.outcome !== "added") throw new Error("a platform admin adds directly");
    const user = added.data;
    expect((await admin.tenantUsers.list(tenantId, { role: "member" })).data.map((u) => u.email)).toContain(
      email,
    );
    expect((await admin.tenantUsers.update(tenantId, user.user_id, { role: "finance" })).role).toBe(
      "finance",
    );

    const member = await admin.members.add(projectId, { email, role: "developer", note: "<b>ok</b>" });
    expect(member).toMatchObject({ user_id: user.user_id, role: "developer", note: "<b>ok</b>" });
    expect((await admin.members.update(projectId, user.user_id, { role: "viewer" })).role).toBe("viewer");
    expect((await admin.members.list(projectId, { role: "viewer" })).data.map((m) => m.email)).toEqual([
      email,
    ]);

    const err = await admin.members.remove(projectId, adminId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InferaApiError);
    expect(err).toMatchObject({ status: 409, code: "conflict" });
    expect((err as InferaApiError).message).toMatch(/owner/i);
    expect((err as InferaApiError).requestId).toMatch(/^req_/);

    await admin.members.remove(projectId, user.user_id);
    await admin.tenantUsers.remove(tenantId, user.user_id);
    const left = await admin.tenantUsers.list(tenantId);
    expect(left.data.map((u) => u.email)).not.toContain(email);
  });

  it("notifications: a member added reads theirs, counts, marks read; the stream URL serves them", async () => {
    const email = `bell.${unique()}@example.test`;
    await admin.tenantUsers.create(tenantId, { email, password, role: "member" });
    const person = createClient({ baseUrl: server.url });
    await person.auth.login({ email, password, issue_token: true });
    expect(await person.notifications.unreadCount()).toEqual({ unread: 0, last_seq: 0 });
    await admin.members.add(projectId, { email, role: "viewer" });

    const { data } = await person.notifications.list({ unread_only: true });
    expect(data).toHaveLength(1);
    const [n] = data;
    expect(n).toMatchObject({
      kind: "project.member.added",
      params: { project_name: "Client main", role: "viewer" },
      resource: { type: "project", id: projectId, tenant_id: tenantId, project_id: projectId },
      read_at: null,
    });
    const count = await person.notifications.unreadCount();
    expect(count).toEqual({ unread: 1, last_seq: n!.seq });

    const res = await fetch(`${person.notifications.streamUrl({ after: 0, follow: false })}`, {
      headers: { authorization: `Bearer ${person.token}` },
    });
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const text = await res.text();
    expect(text).toMatch(new RegExp(`event: notification\ndata: \\{"id":"${n!.id}".*\nid: ${n!.seq}\n`));
    expect(text).toContain("event: end");

    expect(await person.notifications.markRead({ ids: [n!.id] })).toEqual({ marked: 1, unread: 0 });
    expect(await person.notifications.markRead({ up_to_seq: n!.seq })).toEqual({ marked: 0, unread: 0 });
    expect((await person.notifications.list({ unread_only: true })).data).toEqual([]);
    expect(() => person.notifications.openStream({ onNotification: () => {} })).toThrow(/EventSource/);
    await admin.members.remove(
      projectId,
      n!.resource.id === projectId ? (await person.auth.me()).user!.id : "",
    );
  });

  it("invites by email: preview and accept the link anonymously, revoke another", async () => {
    const a = `inv.a.${unique()}@example.test`;
    const b = `inv.b.${unique()}@example.test`;
    const made = await admin.invitations.create(tenantId, {
      emails: `${a}, ${b}; ${a}`,
      role: "member",
      projects: [{ project_id: projectId, role: "viewer" }],
    });
    expect(made.data.map((i) => i.email).sort()).toEqual([a, b].sort());
    const invA = made.data.find((i) => i.email === a)!;
    const anonymous = createClient({ baseUrl: server.url });
    expect(await anonymous.invitations.preview(invA.token)).toMatchObject({ email: a, role: "member" });
    const accepted = await anonymous.invitations.accept(invA.token, { name: "Ann", password });
    expect(accepted).toMatchObject({ email: a, tenant_id: tenantId, account_created: true });
    expect((await admin.members.list(projectId)).data.map((m) => m.email)).toContain(a);

    const invB = made.data.find((i) => i.email === b)!;
    expect((await admin.invitations.revoke(tenantId, invB.id)).status).toBe("revoked");
    const pending = await admin.invitations.list(tenantId, { status: "pending" });
    expect(pending.data.map((i) => i.id)).not.toContain(invB.id);
    await expect(anonymous.invitations.accept(invB.token, { name: "Bo", password })).rejects.toBeInstanceOf(
      InferaApiError,
    );
  });

  it("manages service accounts; an issued token signs a client in as the account", async () => {
    const sa = await admin.serviceAccounts.create(projectId, { name: `ci-${unique()}`, role: "developer" });
    const issued = await admin.serviceAccounts.issueToken(projectId, sa.id);
    expect(issued.service_account_id).toBe(sa.id);
    const asBot = createClient({ baseUrl: server.url, token: issued.token });
    const me = await asBot.auth.me();
    expect(me).toMatchObject({ principal_type: "service_account", service_account: { id: sa.id } });

    const rotated = await admin.serviceAccounts.issueToken(projectId, sa.id, { revoke_existing: true });
    expect(rotated.revoked_token_ids).toEqual([issued.id]);
    await expect(asBot.auth.me()).rejects.toMatchObject({ status: 401, code: "unauthenticated" });

    const listed = await admin.serviceAccounts.list(projectId, { status: "active" });
    expect(listed.data.find((s) => s.id === sa.id)?.active_tokens).toBe(1);
    expect((await admin.serviceAccounts.update(projectId, sa.id, { status: "disabled" })).status).toBe(
      "disabled",
    );
    await admin.serviceAccounts.delete(projectId, sa.id);
    expect((await admin.serviceAccounts.list(projectId)).data.map((s) => s.id)).not.toContain(sa.id);
  });

  it("manages webhooks: create (secret once), read, update, rotate, test, deliveries, redeliver, delete", async () => {
    const hook = await admin.webhooks.create(projectId, {
      url: "http://127.0.0.1:9/hook",
      events: ["fine_tuning.job.failed"],
    });
    expect(hook.secret).toMatch(/^whsec_/);
    expect(await admin.webhooks.get(hook.id)).not.toHaveProperty("secret");
    expect((await admin.webhooks.list(projectId)).data.map((h) => h.id)).toContain(hook.id);
    expect((await admin.webhooks.update(hook.id, { enabled: false })).enabled).toBe(false);
    expect((await admin.webhooks.rotateSecret(hook.id)).secret).not.toBe(hook.secret);
    const ping = await admin.webhooks.test(hook.id);
    expect(ping).toMatchObject({ webhook_id: hook.id, event_type: "ping", status: "pending" });
    expect((await admin.webhooks.deliveries.list(hook.id)).data.map((d) => d.id)).toContain(ping.id);
    const again = await admin.webhooks.deliveries.redeliver(ping.id);
    expect(again.event_id).toBe(ping.event_id);
    await admin.webhooks.delete(hook.id);
    await expect(admin.webhooks.get(hook.id)).rejects.toMatchObject({ status: 404, code: "not_found" });
  });

  it("reads and replaces env policies", async () => {
    const prod = await admin.projects.create(tenantId, { name: `Prod ${unique()}`, env: "prod" });
    const before = await admin.policies.get(prod.id);
    expect(before).toMatchObject({ project_id: prod.id, env: "prod" });
    const after = await admin.policies.update(prod.id, {
      prod_disallow_scale_to_zero: false,
      prod_force_alerts: true,
      prod_no_playground_logging: true,
      viewers_cannot_view_logs: true,
    });
    expect(after).toMatchObject({ prod_disallow_scale_to_zero: false, viewers_cannot_view_logs: true });
    expect(after.effective.viewers_can_view_logs).toBe(false);
  });

  it("reads the audit log: filtered pages, every page, one event, CSV and JSON export, verify", async () => {
    const scope = { tenantId };
    const page = await admin.audit.list(scope, { action: "project.member.", limit: 2 });
    expect(page.data).toHaveLength(2);
    expect(page.data.every((e) => e.action.startsWith("project.member."))).toBe(true);
    const every = [];
    for await (const e of admin.audit.iterate(scope, { action: "project.member.", limit: 2 })) every.push(e);
    expect(every.length).toBeGreaterThan(2);
    const update = every.find((e) => e.action === "project.member.update")!;
    const detail = await admin.audit.get(update.id);
    expect(detail.before).toMatchObject({ role: "developer" });
    expect(detail.after).toMatchObject({ role: "viewer" });

    const projectPage = await admin.audit.list({ projectId }, { resource_type: "project_member", limit: 50 });
    expect(projectPage.data.every((e) => e.project_id === projectId)).toBe(true);

    const csv = await admin.audit.exportCsv(scope, { action: "project.member.update" });
    const [header, ...rows] = csv.trim().split("\r\n");
    expect(header!.split(",")).toEqual(expect.arrayContaining(["id", "action", "before", "after"]));
    expect(rows.length).toBe(every.filter((e) => e.action === "project.member.update").length);
    const exported = await admin.audit.exportJson(scope, { action: "project.member.update" });
    expect(exported.map((e) => e.id)).toEqual(
      every.filter((e) => e.action === "project.member.update").map((e) => e.id),
    );

    expect(await admin.audit.verify(tenantId)).toMatchObject({ tenant_id: tenantId, intact: true });
  });

  it("uses a cookie session in the browser's way: writes carry the CSRF token it remembered", async () => {
    // A cookie jar of one cookie, as a browser keeps it; the client itself never sees the cookie.
    let cookie = "";
    const jarFetch: FetchLike = async (url, init) => {
      const headers = new Headers(init.headers);
      if (cookie) headers.set("cookie", cookie);
      const res = await fetch(url, { ...init, headers });
      const set = res.headers.get("set-cookie");
      if (set) cookie = set.split(";")[0]!;
      return res;
    };
    const browser = createClient({ baseUrl: server.url, fetch: jarFetch });
    const login = await browser.auth.login(TEST_ADMIN);
    expect(browser.token).toBeUndefined();
    expect(browser.csrfToken).toBe(login.csrf_token);
    const created = await browser.projects.create(tenantId, { name: `Cookie ${unique()}`, env: "dev" });
    expect(created.role).toBe("owner");

    const forged = createClient({ baseUrl: server.url, fetch: jarFetch });
    expect((await forged.auth.me()).user?.email).toBe(TEST_ADMIN.email);
    forged.setCsrfToken(undefined);
    await expect(
      forged.projects.create(tenantId, { name: `Forged ${unique()}`, env: "dev" }),
    ).rejects.toMatchObject({ status: 403, code: "forbidden" });

    await browser.auth.logout();
    await expect(browser.auth.me()).rejects.toMatchObject({ status: 401, code: "unauthenticated" });
  });

  it("uploads with tus: sha256 checked by the server, an aborted upload resumes from its offset, a wrong digest is an InferaApiError", async () => {
    // Remembers upload URLs in memory: the CLI keeps them in a file, the console in localStorage.
    const remembered = new Map<string, PreviousUpload & { fingerprint: string }>();
    const urlStorage: UploadUrlStorage = {
      findAllUploads: async () => [...remembered.values()],
      findUploadsByFingerprint: async (fp) => [...remembered.values()].filter((u) => u.fingerprint === fp),
      removeUpload: async (key) => void remembered.delete(key),
      addUpload: async (fingerprint, u) => {
        const key = `${fingerprint}#${remembered.size}`;
        remembered.set(key, { ...u, urlStorageKey: key, fingerprint });
        return key;
      },
    };
    const bytes = Buffer.alloc(200_000, 1);
    const weights = tinySafetensors(64 * 1024, 2);
    const digest = createHash("sha256").update(weights).digest("hex");
    const common = {
      projectId,
      filename: "model.safetensors",
      sha256: digest,
      urlStorage,
      fingerprint: async () => "weights",
      chunkSize: 64 * 1024,
    };

    const stop = new AbortController();
    const aborted = await admin.uploads
      .upload(weights, {
        ...common,
        signal: stop.signal,
        onProgress: (sent) => {
          if (sent > 100 * 1024) stop.abort();
        },
      })
      .catch((e: unknown) => e);
    expect(aborted).toBeInstanceOf(InferaApiError);
    const [entry] = remembered.values();
    const partial = await admin.uploads.get(uploadIdFromUrl(entry!.uploadUrl!));
    expect(partial).toMatchObject({ state: "uploading", expected_sha256: digest });
    expect(partial.offset).toBeGreaterThan(0);

    const progress: number[] = [];
    const done = await admin.uploads.upload(weights, {
      ...common,
      onProgress: (sent) => progress.push(sent),
    });
    expect(done.resumedFrom).toBe(partial.offset);
    // Progress counts from the server's offset: the bytes it held were not sent again.
    expect(Math.min(...progress)).toBe(partial.offset);
    expect(done.upload).toMatchObject({
      id: partial.id,
      state: "complete",
      sha256: digest,
      length: weights.length,
    });
    expect(remembered.size).toBe(0);

    const model = await admin.models.create(projectId, { name: `Uploaded ${unique()}` });
    const version = await admin.models.versions.create(model.id, {
      files: [{ path: "model.safetensors", upload_id: done.upload.id }],
    });
    expect(version.files).toEqual([expect.objectContaining({ path: "model.safetensors", sha256: digest })]);
    expect((await admin.models.versions.exportJson(model.id)).map((v) => v.id)).toEqual([version.id]);
    expect((await admin.models.versions.exportCsv(model.id)).split("\r\n")[1]).toContain(version.id);
    expect(await admin.models.usage(model.id)).toEqual({ dependants: [] });
    expect((await admin.projects.exportJson(tenantId, { q: "Client main" })).map((p) => p.id)).toEqual([
      projectId,
    ]);
    const res = await fetch(admin.models.versions.fileUrl(version.id, "model.safetensors"), {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(Buffer.from(await res.arrayBuffer())).toEqual(weights);

    const wrong = await admin.uploads
      .upload(bytes, { projectId, filename: "x.bin", sha256: "0".repeat(64) })
      .catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(InferaApiError);
    expect(wrong).toMatchObject({
      status: 400,
      code: "validation_error",
      requestId: expect.stringMatching(/^req_/),
    });

    await expect(
      admin.uploads.upload(bytes, { projectId: "proj_00000000000000000000000000", filename: "x.bin" }),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("datasets: create, validate a dry run, a refused version's report, keep-valid-only, preview, split, download", async () => {
    const line = (i: number) => JSON.stringify({ prompt: `q${i}`, completion: `a${i}` });
    const rows = Array.from({ length: 10 }, (_, i) => line(i));
    const upload = async (text: string, filename: string) =>
      (await admin.uploads.upload(Buffer.from(text), { projectId, filename })).upload.id;

    const dataset = await admin.datasets.create(projectId, { name: `Prompts ${unique()}`, tags: ["qa"] });
    expect(dataset).toMatchObject({ format: null, version_count: 0, tags: ["qa"] });
    expect((await admin.datasets.list(projectId, { q: dataset.name })).data.map((d) => d.id)).toEqual([
      dataset.id,
    ]);

    const badId = await upload(`${rows[0]}\n{oops\n${rows[1]}\n`, "bad.jsonl");
    const dry = await admin.datasets.versions.validate(dataset.id, { files: [{ upload_id: badId }] });
    expect(dry).toMatchObject({ valid: false, format: "prompt_completion", rows: { valid: 2, invalid: 1 } });
    expect(dry.errors.map((e) => e.line)).toEqual([2]);
    expect((await admin.datasets.validationRuns.get(dry.validation_run_id)).rows.invalid).toBe(1);
    const report = await admin.datasets.validationRuns.reportText(dry.validation_run_id);
    expect(JSON.parse(report.trim())).toMatchObject({ line: 2, code: "invalid_json" });

    const refused = await admin.datasets.versions
      .create(dataset.id, { files: [{ upload_id: badId }] })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 422, code: "unprocessable_content", details: { valid: false } });
    const kept = await admin.datasets.versions.create(dataset.id, {
      files: [{ upload_id: badId }],
      keep_valid_only: true,
    });
    expect(kept).toMatchObject({ number: 1, rows: 2, kept_valid_only: true, dropped_rows: 1 });

    const goodId = await upload(`${rows.join("\n")}\n`, "good.jsonl");
    const version = await admin.datasets.versions.create(dataset.id, { files: [{ upload_id: goodId }] });
    expect(version).toMatchObject({ number: 2, rows: 10, format: "prompt_completion" });
    expect(version.token_stats?.total.sum).toBeGreaterThan(0);
    expect((await admin.datasets.versions.get(version.id)).digest).toBe(version.digest);
    expect((await admin.datasets.versions.list(dataset.id)).data.map((v) => v.number)).toEqual([2, 1]);
    const versionsCsv = await admin.datasets.versions.exportCsv(dataset.id);
    expect(versionsCsv.trim().split("\r\n")).toHaveLength(3);
    expect((await admin.datasets.versions.exportJson(dataset.id)).map((v) => v.id)).toEqual([
      version.id,
      kept.id,
    ]);
    const preview = await admin.datasets.versions.preview(version.id, { limit: 2 });
    expect(preview.rows.map((r) => r.value)).toEqual([JSON.parse(rows[0]!), JSON.parse(rows[1]!)]);

    const split = await admin.datasets.versions.split(version.id, { validation_rows: 3, seed: 7 });
    expect([split.train.rows, split.validation.rows]).toEqual([7, 3]);
    expect(split.validation).toMatchObject({ parent_version_id: version.id, split_role: "validation" });
    expect((await admin.datasets.versions.usage(version.id)).dependants.length).toBeGreaterThan(0);

    const res = await fetch(admin.datasets.versions.fileUrl(version.id, "good.jsonl"), {
      headers: { authorization: `Bearer ${admin.token}`, range: "bytes=0-9" },
    });
    expect(res.status).toBe(206);
    expect(await res.text()).toBe(`${rows.join("\n")}\n`.slice(0, 10));
    // The records in the internal form (here already prompt/completion JSONL: the same records).
    const normalized = await admin.datasets.versions.normalizedText(version.id);
    expect(normalized).toBe(`${rows.join("\n")}\n`);
    expect(admin.datasets.versions.normalizedUrl(version.id)).toMatch(/\/normalized$/);
    const updated = await admin.datasets.update(dataset.id, {
      description: "QA pairs",
      mapping: { prompt: "question" },
    });
    expect(updated).toMatchObject({ description: "QA pairs", mapping: { prompt: "question" } });
    // Its own split parts do not hold the dataset back; it goes with its versions.
    await admin.datasets.delete(dataset.id);
    await expect(admin.datasets.get(dataset.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("fine-tuning: submit, list, export and import a config, cancel, read its events, retry, clone, delete; resource classes", async () => {
    const up = async (bytes: Buffer | string, filename: string) =>
      (await admin.uploads.upload(Buffer.from(bytes), { projectId, filename })).upload.id;
    const model = await admin.models.create(projectId, { name: `Base ${unique()}` });
    await admin.models.versions.create(model.id, {
      files: [{ path: "model.safetensors", upload_id: await up(tinySafetensors(4, 9), "m.safetensors") }],
    });
    const dataset = await admin.datasets.create(projectId, { name: `Chats ${unique()}` });
    const chat = (i: number) =>
      JSON.stringify({
        messages: [
          { role: "user", content: `q${i}` },
          { role: "assistant", content: `a${i}` },
        ],
      });
    const version = await admin.datasets.versions.create(dataset.id, {
      files: [{ upload_id: await up([1, 2, 3].map(chat).join("\n"), "chats.jsonl") }],
    });

    const job = await admin.fineTuning.jobs.create(projectId, {
      base_model: { model_id: model.id },
      dataset_version_id: version.id,
      output: { model_name: `Tuned ${unique()}` },
    });
    expect(job).toMatchObject({ status: "queued", method: "lora", resource_class: "cpu-2" });
    expect(job.config.lora.rank).toBe(8);
    expect(
      (await admin.fineTuning.jobs.list(projectId, { status: "queued" })).data.map((j) => j.id),
    ).toContain(job.id);
    const config = await admin.fineTuning.jobs.config(job.id);
    const imported = await admin.fineTuning.jobs.create(projectId, config);
    expect(imported.config).toEqual(job.config);
    expect((await admin.fineTuning.jobs.cancel(job.id)).status).toBe("canceled");
    // The event log: its state changes, paged by seq, and the same as a stream that ends (finished job).
    const events = await admin.fineTuning.jobs.events(job.id, { types: ["status"] });
    expect(events.data.map((e) => e.data.to)).toEqual(["queued", "canceled"]);
    expect(events.next_after).toBeNull();
    const [first, second] = events.data;
    const paged = await admin.fineTuning.jobs.events(job.id, { limit: 1 });
    expect(paged).toEqual({ data: [first], next_after: first!.seq });
    expect((await admin.fineTuning.jobs.events(job.id, { after: first!.seq })).data).toEqual([second]);
    const sse = await fetch(
      admin.fineTuning.jobs.eventsStreamUrl(job.id, { after: first!.seq, types: ["status"] }),
      {
        headers: { authorization: `Bearer ${admin.token}`, accept: "text/event-stream" },
      },
    );
    const stream = await sse.text();
    expect(stream).toMatch(
      new RegExp(`event: status\ndata: \\{"seq":${second!.seq},.*\nid: ${second!.seq}\n`),
    );
    expect(stream).not.toContain(`id: ${first!.seq}\n`);
    expect(stream).toContain("event: end");
    expect(() => admin.fineTuning.jobs.openEventStream(job.id, { onEvent: () => {} })).toThrow(/EventSource/);
    await expect(admin.fineTuning.jobs.cancel(job.id)).rejects.toMatchObject({
      status: 409,
      code: "conflict",
    });
    const retried = await admin.fineTuning.jobs.retry(job.id);
    expect(retried).toMatchObject({ id: job.id, status: "queued", attempt: 2 });
    const clone = await admin.fineTuning.jobs.clone(job.id, { epochs: 2 });
    expect(clone.config.epochs).toBe(2);
    expect((await admin.fineTuning.jobs.get(clone.id)).transitions[0]!.reason).toBe(`cloned from ${job.id}`);
    await admin.fineTuning.jobs.cancel(job.id);
    await admin.fineTuning.jobs.delete(job.id);
    await expect(admin.fineTuning.jobs.get(job.id)).rejects.toMatchObject({ code: "not_found" });
    const csv = await admin.fineTuning.jobs.exportCsv(projectId);
    expect(csv).toContain(clone.id);

    const cls = await admin.fineTuning.resourceClasses.create({
      name: `gpu-${unique().toLowerCase()}`,
      cpus: 8,
      memory_bytes: 2 ** 35,
      gpu_model: "NVIDIA L4",
      gpu_count: 1,
      hourly_price: 0.8,
    });
    expect((await admin.fineTuning.resourceClasses.update(cls.name, { enabled: false })).enabled).toBe(false);
    const names = [];
    for await (const c of admin.fineTuning.resourceClasses.iterate()) names.push(c.name);
    expect(names).toEqual(expect.arrayContaining(["cpu-2", cls.name]));

    // Templates: save the job's configuration, create a job from it with an override, edit, delete.
    const { name: _, ...saved } = config;
    const template = await admin.fineTuning.templates.create(projectId, {
      name: `tpl ${unique()}`,
      config: saved,
    });
    expect(
      (await admin.fineTuning.templates.list(projectId, { q: template.name })).data.map((t) => t.id),
    ).toEqual([template.id]);
    const fromTemplate = await admin.fineTuning.jobs.create(projectId, {
      template_id: template.id,
      epochs: 3,
      output: { model_name: `Tuned ${unique()}` },
    });
    expect(fromTemplate).toMatchObject({ template_id: template.id, config: { epochs: 3 } });
    await admin.fineTuning.jobs.cancel(fromTemplate.id);
    expect((await admin.fineTuning.templates.update(template.id, { description: "d" })).description).toBe(
      "d",
    );
    expect((await admin.fineTuning.templates.get(template.id)).config).toEqual(saved);
    await admin.fineTuning.templates.delete(template.id);
    await expect(admin.fineTuning.templates.get(template.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("services: create, list, deploy a canary, move traffic, roll back, stop and start, events, delete", async () => {
    const up = async (bytes: Buffer | string, filename: string) =>
      (await admin.uploads.upload(Buffer.from(bytes), { projectId, filename })).upload.id;
    const model = await admin.models.create(projectId, { name: `Served ${unique()}` });
    const version = await admin.models.versions.create(model.id, {
      files: [{ path: "model.safetensors", upload_id: await up(tinySafetensors(4, 11), "s.safetensors") }],
    });
    const config = (baseUrl: string) => ({
      model: { model_id: model.id },
      runtime: { kind: "openai-compatible" as const, base_url: baseUrl, api_key: "sk-client-test" },
      resources: { resource_class: "cpu-2" },
    });
    const name = `client-${unique()
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "")}`.slice(0, 60);
    const svc = await admin.services.create(projectId, {
      name,
      exposure: "private",
      config: config("http://127.0.0.1:9/v1"),
    });
    expect(svc.revisions[0]).toMatchObject({ model_version_id: version.id, traffic_percent: 100 });
    expect(svc.revisions[0]!.config.runtime.api_key_set).toBe(true);
    expect((await admin.services.list(projectId, { q: name })).data.map((s) => s.id)).toEqual([svc.id]);
    const canary = await admin.services.deploy(svc.id, {
      config: config("http://127.0.0.1:9/v2"),
      strategy: "canary",
      weight: 10,
    });
    expect((await admin.services.get(svc.id)).traffic.map((t) => t.percent)).toEqual([90, 10]);
    const moved = await admin.services.setTraffic(svc.id, {
      traffic: [
        { revision_id: svc.revisions[0]!.id, percent: 1 },
        { revision_id: canary.id, percent: 1 },
      ],
      normalize: true,
    });
    expect(moved.traffic.map((t) => t.percent)).toEqual([50, 50]);
    expect((await admin.services.rollback(svc.id, { revision_id: canary.id })).traffic).toEqual([
      { revision_id: canary.id, percent: 100 },
    ]);
    expect((await admin.services.update(svc.id, { description: "via client" })).description).toBe(
      "via client",
    );
    expect((await admin.services.stop(svc.id)).desired_state).toBe("inactive");
    expect((await admin.services.start(svc.id)).desired_state).toBe("active");
    expect((await admin.services.revisions.list(svc.id)).data).toHaveLength(2);
    expect((await admin.services.revisions.get(canary.id)).durations.length).toBeGreaterThan(0);
    expect((await admin.services.events.list(svc.id)).data.map((e) => e.type)).toContain("rolled_back");
    // No replica ran: the metrics answer empty series, as JSON or CSV (a header only).
    expect(await admin.services.metrics(svc.id, { window: "6h" })).toMatchObject({
      window: "6h",
      bucket_seconds: 300,
      series: [],
    });
    expect((await admin.services.metricsCsv(svc.id, { window: "1h" })).trim()).toMatch(
      /^revision_id,revision_number,time,requests/,
    );
    // No replica ran here: an empty log, and the URLs carry the filters.
    expect(await admin.services.logs(svc.id, { tail: "true", level: "warn" })).toEqual({
      data: [],
      next_after: null,
      prev_before: null,
    });
    expect(admin.services.logDownloadUrl(svc.id, { revision: 2, q: "oom" })).toMatch(
      /\/api\/v1\/services\/svc_\w+\/logs\?revision=2&q=oom&download=true$/,
    );
    // The playground through the echoing fake of the InferenceCaller port: JSON, then a stream.
    const reply = await admin.services.playground.chat(svc.id, {
      messages: [{ role: "user", content: "ping" }],
      revision_id: canary.id,
    });
    expect(reply).toMatchObject({ revisionId: canary.id, logContent: true });
    expect(reply.completion.choices[0]!.message.content).toBe(`${canary.id}: ping`);
    expect(JSON.parse(reply.raw)).toEqual(reply.completion);
    const stream = await admin.services.playground.chatStream(svc.id, {
      messages: [{ role: "user", content: "a b" }],
    });
    const chunks = [];
    for await (const { chunk } of stream.chunks) chunks.push(chunk);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe("auto: a b");
    expect(chunks.at(-1)!.usage).toEqual({ prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 });
    await expect(
      admin.services.playground.chat(svc.id, { messages: [], revision_id: canary.id }),
    ).rejects.toMatchObject({ status: 400, code: "validation_error" });
    await expect(admin.services.delete(svc.id, { confirm_name: "wrong" })).rejects.toMatchObject({
      status: 400,
    });
    await admin.services.delete(svc.id, { confirm_name: name });
    await expect(admin.services.get(svc.id)).rejects.toMatchObject({ status: 404, code: "not_found" });
  });

  it("usage and prices: the report and its CSV, set, list and delete a price", async () => {
    const model = await admin.models.create(projectId, { name: `Priced ${unique()}` });
    const up = await admin.uploads.upload(tinySafetensors(4, 12), { projectId, filename: "p.safetensors" });
    const version = await admin.models.versions.create(model.id, {
      files: [{ path: "model.safetensors", upload_id: up.upload.id }],
    });
    const at = Date.UTC(2026, 4, 1, 10, 30);
    await storeUsageRecords({
      ctx: server.systemCtx,
      batch: [0, 1, 2].map((n) => ({
        ...usageRecordNo(n, at),
        id: `usg_${String(900_000 + n).padStart(26, "0")}`,
        tenant_id: tenantId,
        project_id: projectId,
        api_key_id: null,
        service_id: null,
        revision_id: null,
        model_version_id: version.id,
        status_code: 200,
      })),
    });
    const range = {
      from: new Date(at - 3_600_000).toISOString(),
      to: new Date(at + 3_600_000).toISOString(),
    };
    const report = await admin.usage.report(projectId, { ...range, group_by: "model_version" });
    expect(report.totals.requests).toBe(3);
    expect(report.groups[0]).toMatchObject({ group: version.id, requests: 3 });
    const csv = await admin.usage.reportCsv(projectId, { ...range, granularity: "day" });
    expect(csv.split(/\r?\n/)[0]).toMatch(/^time,group,label,requests,/);

    const price = await admin.prices.set(tenantId, {
      subject_kind: "model_version",
      subject_id: version.id,
      input_per_million: 1,
    });
    expect(price).toMatchObject({ subject_id: version.id, input_per_million: 1, currency: "USD" });
    const page = await admin.prices.list(tenantId, { subject_kind: "model_version" });
    expect(page.data.map((p) => p.id)).toEqual([price.id]);
    await admin.prices.delete(price.id);
    expect((await admin.prices.list(tenantId)).data).toEqual([]);
    await expect(admin.prices.delete(price.id)).rejects.toMatchObject({ status: 404, code: "not_found" });
  });

  it("nodes: lists this server's node and drains it and back", async () => {
    const [node] = await admin.nodes.list();
    expect(node).toMatchObject({ status: "online", draining: false, roles: ["api", "gateway", "worker"] });
    expect((await admin.nodes.update(node!.id, { draining: true })).draining).toBe(true);
    expect((await admin.nodes.update(node!.id, { draining: false })).draining).toBe(false);
  });

  it("turns every failure into an InferaApiError with the server's code, details and request id", async () => {
    const anonymous = createClient({ baseUrl: server.url });
    await expect(anonymous.auth.me()).rejects.toMatchObject({ status: 401, code: "unauthenticated" });

    const invalid = await admin.projects.create(tenantId, { name: "x", env: "dev" }).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ status: 400, code: "validation_error" });
    expect((invalid as InferaApiError).details).toMatchObject({
      fields: [expect.objectContaining({ path: "name" })],
    });

    await expect(admin.projects.get("proj_00000000000000000000000000")).rejects.toMatchObject({
      status: 404,
      code: "not_found",
      requestId: expect.stringMatching(/^req_/),
    });

    // A throttled call keeps the server's Retry-After, so a console can say how long to wait.
    const email = `throttled.${unique()}@example.test`;
    await admin.tenantUsers.create(tenantId, { email, password, role: "member" });
    const stranger = createClient({ baseUrl: server.url });
    for (let i = 0; i < 5; i++)
      await expect(stranger.auth.login({ email, password: "wrong-password!" })).rejects.toMatchObject({
        status: 401,
        retryAfterSeconds: null,
      });
    const throttled = await stranger.auth.login({ email, password }).catch((e: unknown) => e);
    expect(throttled).toMatchObject({ status: 429, code: "rate_limit_exceeded" });
    expect((throttled as InferaApiError).retryAfterSeconds).toBeGreaterThan(0);

    const unreachable = createClient({ baseUrl: "http://127.0.0.1:1", token: "x" });
    await expect(unreachable.auth.me()).rejects.toMatchObject({ status: 0, code: "service_unavailable" });
  });
});
