import { transitionServiceRevision } from "@infera/core";
import { and, eq, tables } from "@infera/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_MODEL_DIR, type RunningServer } from "../../main.js";
import type { HttpClient } from "../../testing/http.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, type World } from "../../testing/world.js";
import { putBytes, seedModel, tinySafetensors } from "../models/model-test-helpers.js";

describe("services: revisions, traffic, rollback, states, Prod refusals", () => {
  let server: RunningServer;
  let w: World;
  let other: World;
  let owner: HttpClient;
  let tinyModelId: string;
  let tinyLatest: string;
  let ownModel: { modelId: string; versionIds: string[] };
  let counter = 0;

  beforeAll(async () => {
    server = await startTestServer({}, { systemModelDir: BUNDLED_MODEL_DIR });
    w = await createWorld(server.url);
    other = await createWorld(server.url);
    owner = w.users.owner!.client;
    const models = await owner.get(`/projects/${w.projectId}/models?scope=system`);
    tinyModelId = models.body.data.find((m: { name: string }) => m.name === "infera-tiny").id;
    tinyLatest = (await owner.get(`/models/${tinyModelId}/resolve?ref=latest`)).body.data.version_id;
    ownModel = await seedModel(owner, w.projectId, { versions: 2 });
  });
  afterAll(async () => server?.stop());

  const name = (prefix = "svc") => `${prefix}-${Date.now().toString(36)}-${++counter}`;
  const llama = (extra: Record<string, unknown> = {}) => ({
    model: { model_id: tinyModelId, tag: "latest" },
    runtime: { kind: "llama.cpp", context_size: 512, threads: 2 },
    resources: { resource_class: "cpu-2" },
    ...extra,
  });
  const upstream = (baseUrl = "http://127.0.0.1:9/v1", extra: Record<string, unknown> = {}) => ({
    model: { version_id: ownModel.versionIds[0] },
    runtime: { kind: "openai-compatible", base_url: baseUrl, ...extra },
    resources: { resource_class: "cpu-2" },
  });
  const create = async (body: Record<string, unknown>, client = owner, projectId = w.projectId) =>
    client.post(`/projects/${projectId}/services`, { name: name(), exposure: "private", ...body });
  const created = async (body: Record<string, unknown> = { config: llama() }) => {
    const res = await create(body);
    expect(res.status, res.text).toBe(201);
    return res.body.data;
  };
  const fail = (revisionId: string) =>
    transitionServiceRevision({
      ctx: server.systemCtx,
      revisionId,
      input: { to: "failed", reason: "runtime crashed", failure_reason: "llama.cpp: out of memory" },
    });

  it("creates with a tag: the resolved version id is stored, revision 1 takes 100% and waits pending", async () => {
    const svc = await created({ config: llama(), description: "chat" });
    expect(svc).toMatchObject({
      desired_state: "active",
      current_state: "pending",
      env: "dev",
      model_version_id: tinyLatest,
      runtime: "llama.cpp",
    });
    const [rev] = svc.revisions;
    expect(rev).toMatchObject({
      number: 1,
      traffic_percent: 100,
      current_state: "pending",
      model_version_id: tinyLatest,
    });
    expect(rev.config.model).toEqual({
      model_id: tinyModelId,
      version_id: tinyLatest,
      base_version_id: null,
    });
    expect(JSON.stringify(rev.config)).not.toContain("latest");
    expect(rev.config.runtime).toEqual({ kind: "llama.cpp", context_size: 512, threads: 2, parallel: 1 });
    expect(rev.config_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rev.wait_reason).toMatch(/replica manager/);
    expect(rev.durations).toHaveLength(1);
    expect(rev.durations[0]).toMatchObject({ state: "pending", left_at: null });
    expect(svc.traffic).toEqual([{ revision_id: rev.id, percent: 100 }]);
  });

  it("refuses bad names (400), a taken name (409), unrunnable runtimes and llama.cpp without GGUF (422)", async () => {
    for (const bad of ["a", "-ab", "ab-", "Abc", "a_b", "x".repeat(65)]) {
      const res = await owner.post(`/projects/${w.projectId}/services`, {
        name: bad,
        exposure: "private",
        config: llama(),
      });
      expect(res.status, bad).toBe(400);
    }
    const n = name();
    expect(
      (
        await owner.post(`/projects/${w.projectId}/services`, {
          name: n,
          exposure: "private",
          config: llama(),
        })
      ).status,
    ).toBe(201);
    const dup = await owner.post(`/projects/${w.projectId}/services`, {
      name: n,
      exposure: "private",
      config: llama(),
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details.field).toBe("name");

    const vllm = await create({ config: { ...llama(), runtime: { kind: "vllm" } } });
    expect(vllm.status).toBe(422);
    expect(vllm.body.error.message).toMatch(/vllm cannot run on this installation/);
    const noGguf = await create({ config: { ...llama(), model: { version_id: ownModel.versionIds[0] } } });
    expect(noGguf.status).toBe(422);
    expect(noGguf.body.error.message).toMatch(/GGUF/);
    const badCidr = await create({ config: llama(), exposure: "public", ip_allow_list: ["10.0.0.0/33"] });
    expect(badCidr.status).toBe(400);
    const good = await create({
      config: llama(),
      exposure: "public",
      ip_allow_list: ["10.0.0.0/8", "2001:db8::/32", "192.168.1.7"],
    });
    expect(good.status, good.text).toBe(201);
    const minMax = await create({ config: llama({ autoscaling: { min_replicas: 3, max_replicas: 2 } }) });
    expect(minMax.status).toBe(400);
    const noClass = await create({ config: llama({ resources: { resource_class: "nope" } }) });
    expect(noClass.status).toBe(422);
  });

  it("another tenant's model version answers 404, like an unknown one", async () => {
    const theirs = await seedModel(other.users.owner!.client, other.projectId);
    const res = await create({ config: { ...upstream(), model: { version_id: theirs.versionIds[0] } } });
    expect(res.status).toBe(404);
    const byModel = await create({ config: { ...upstream(), model: { model_id: theirs.modelId } } });
    expect(byModel.status).toBe(404);
  });

  it("an adapter version brings its base version, which is then kept from deletion too", async () => {
    const base = await seedModel(owner, w.projectId);
    const adapterModel = await owner.post(`/projects/${w.projectId}/models`, { name: name("adapter") });
    const weights = await putBytes(owner, w.projectId, tinySafetensors(4, 5));
    const adapter = await owner.post(`/models/${adapterModel.body.data.id}/versions`, {
      files: [{ path: "adapter_model.safetensors", sha256: weights }],
      artifact_type: "adapter",
      base_model_version_id: base.versionIds[0],
    });
    expect(adapter.status, adapter.text).toBe(201);
    const svc = await created({ config: { ...upstream(), model: { version_id: adapter.body.data.id } } });
    expect(svc.revisions[0].config.model).toEqual({
      model_id: adapterModel.body.data.id,
      version_id: adapter.body.data.id,
      base_version_id: base.versionIds[0],
    });
    const baseDelete = await owner.delete(`/model-versions/${base.versionIds[0]}`);
    expect(baseDelete.status).toBe(409);
    expect(baseDelete.body.error.details.dependants.map((d: any) => d.id)).toContain(svc.revisions[0].id);
  });

  it("a metadata change makes no revision; a config change makes one with another hash; the same config is 409 no_change", async () => {
    const svc = await created();
    const patched = await owner.patch(`/services/${svc.id}`, {
      description: "new words",
      exposure: "public",
      ip_allow_list: ["10.1.0.0/16"],
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.data).toMatchObject({
      description: "new words",
      exposure: "public",
      ip_allow_list: ["10.1.0.0/16"],
    });
    expect((await owner.get(`/services/${svc.id}/revisions`)).body.data).toHaveLength(1);

    const deployed = await owner.post(`/services/${svc.id}/revisions`, {
      config: llama({ runtime: { kind: "llama.cpp", context_size: 1024, threads: 2 } }),
    });
    expect(deployed.status, deployed.text).toBe(201);
    expect(deployed.body.data).toMatchObject({ number: 2, traffic_percent: 100 });
    expect(deployed.body.data.config_hash).not.toBe(svc.revisions[0].config_hash);

    // Defaults filled in count as given: the same configuration again changes nothing.
    const again = await owner.post(`/services/${svc.id}/revisions`, {
      config: llama({ runtime: { kind: "llama.cpp", context_size: 1024, threads: 2, parallel: 1 } }),
    });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toMatchObject({
      reason: "no_change",
      revision_id: deployed.body.data.id,
    });
    const old = await owner.post(`/services/${svc.id}/revisions`, { config: llama() });
    expect(old.body.error.details).toMatchObject({ reason: "no_change", revision_id: svc.revisions[0].id });
  });

  it("canary 10% → 90/10; traffic rules; rollback moves traffic only", async () => {
    const svc = await created();
    const r1 = svc.revisions[0].id;
    const canary = await owner.post(`/services/${svc.id}/revisions`, {
      config: llama({ runtime: { kind: "llama.cpp", context_size: 2048 } }),
      strategy: "canary",
      weight: 10,
    });
    expect(canary.status, canary.text).toBe(201);
    const r2 = canary.body.data.id;
    let detail = (await owner.get(`/services/${svc.id}`)).body.data;
    expect(detail.traffic).toEqual([
      { revision_id: r1, percent: 90 },
      { revision_id: r2, percent: 10 },
    ]);
    // A second canary takes its share from both in proportion: 90/10 → 72/8/20.
    const r3 = (
      await owner.post(`/services/${svc.id}/revisions`, {
        config: llama({ runtime: { kind: "llama.cpp", context_size: 4096 } }),
        strategy: "canary",
        weight: 20,
      })
    ).body.data.id;
    detail = (await owner.get(`/services/${svc.id}`)).body.data;
    expect(Object.fromEntries(detail.traffic.map((t: any) => [t.revision_id, t.percent]))).toEqual({
      [r1]: 72,
      [r2]: 8,
      [r3]: 20,
    });

    const none = await owner.post(`/services/${svc.id}/revisions`, {
      config: llama({ runtime: { kind: "llama.cpp", context_size: 8192 } }),
      strategy: "none",
    });
    expect(none.body.data.traffic_percent).toBe(0);
    expect(
      (await owner.post(`/services/${svc.id}/revisions`, { config: llama(), strategy: "canary" })).status,
    ).toBe(400);

    const put = (traffic: unknown, normalize?: boolean) =>
      owner.put(
        `/services/${svc.id}/traffic`,
        normalize === undefined ? { traffic } : { traffic, normalize },
      );
    const sum = await put([
      { revision_id: r1, percent: 50 },
      { revision_id: r2, percent: 40 },
    ]);
    expect(sum.status).toBe(400);
    expect(JSON.stringify(sum.body.error.details)).toMatch(/sum to 100/);
    const normalized = await put(
      [
        { revision_id: r1, percent: 1 },
        { revision_id: r2, percent: 1 },
        { revision_id: r3, percent: 1 },
      ],
      true,
    );
    expect(normalized.status, normalized.text).toBe(200);
    expect(normalized.body.data.traffic.map((t: any) => t.percent)).toEqual([34, 33, 33]);
    const unknown = await put([{ revision_id: "rev_00000000000000000000000000", percent: 100 }]);
    expect(unknown.status).toBe(404);
    const otherSvc = await created();
    expect((await put([{ revision_id: otherSvc.revisions[0].id, percent: 100 }])).status).toBe(404);

    await fail(r3);
    const toFailed = await put([
      { revision_id: r1, percent: 50 },
      { revision_id: r3, percent: 50 },
    ]);
    expect(toFailed.status).toBe(409);
    expect((await owner.post(`/services/${svc.id}/rollback`, { revision_id: r3 })).status).toBe(409);

    const rolled = await owner.post(`/services/${svc.id}/rollback`, { revision_id: r1 });
    expect(rolled.status, rolled.text).toBe(200);
    expect(rolled.body.data.traffic).toEqual([{ revision_id: r1, percent: 100 }]);
    expect(rolled.body.data.current_revision_id).toBe(r1);
    expect((await owner.get(`/services/${svc.id}/revisions`)).body.data).toHaveLength(4);
    const events = (await owner.get(`/services/${svc.id}/events`)).body.data.map((e: any) => e.type);
    expect(events).toEqual(
      expect.arrayContaining(["created", "deployed", "traffic_changed", "failed", "rolled_back"]),
    );
  });

  it("state machine: legal moves are timed, an illegal one is 409, the service mirrors its serving revision", async () => {
    const svc = await created();
    const revId = svc.revisions[0].id;
    const move = (to: string) =>
      transitionServiceRevision({
        ctx: server.systemCtx,
        revisionId: revId,
        input: { to: to as any, reason: `to ${to}` },
      });
    await move("downloading");
    await move("starting");
    await move("ready");
    await expect(move("downloading")).rejects.toMatchObject({ code: "conflict" });
    const rev = (await owner.get(`/service-revisions/${revId}`)).body.data;
    expect(rev.current_state).toBe("ready");
    expect(rev.durations.map((d: any) => d.state)).toEqual(["pending", "downloading", "starting", "ready"]);
    for (const d of rev.durations.slice(0, 3)) {
      expect(d.left_at).not.toBeNull();
      expect(d.seconds).toBeGreaterThanOrEqual(0);
    }
    expect(rev.durations[3].left_at).toBeNull();
    expect((await owner.get(`/services/${svc.id}`)).body.data.current_state).toBe("ready");
    const ready = await owner.get(`/projects/${w.projectId}/services?state=ready`);
    expect(ready.body.data.map((s: any) => s.id)).toEqual([svc.id]);
  });

  it("stop and start: the desired state, pending revisions become inactive and come back", async () => {
    const svc = await created();
    const stopped = await owner.post(`/services/${svc.id}/stop`);
    expect(stopped.status, stopped.text).toBe(200);
    expect(stopped.body.data).toMatchObject({ desired_state: "inactive", current_state: "inactive" });
    // A revision deployed while stopped is born inactive.
    const r2 = await owner.post(`/services/${svc.id}/revisions`, {
      config: llama({ runtime: { kind: "llama.cpp", parallel: 2 } }),
    });
    expect(r2.body.data.current_state).toBe("inactive");
    const started = await owner.post(`/services/${svc.id}/start`);
    expect(started.body.data).toMatchObject({ desired_state: "active", current_state: "pending" });
    const revs = (await owner.get(`/services/${svc.id}`)).body.data.revisions;
    expect(revs.map((r: any) => r.current_state)).toEqual(["pending", "pending"]);
    expect(revs[0].durations.map((d: any) => d.state)).toEqual(["pending", "inactive", "pending"]);
  });

  it("delete needs the typed name; a model version a revision runs cannot be deleted", async () => {
    const svc = await created({ config: upstream() });
    const inUse = await owner.delete(`/model-versions/${ownModel.versionIds[0]}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.code).toBe("resource_in_use");
    expect(inUse.body.error.details.dependants.map((d: any) => d.type)).toContain("service_revision");

    const wrong = await owner.delete(`/services/${svc.id}`, { confirm_name: "not-it" });
    expect(wrong.status).toBe(400);
    expect((await owner.delete(`/services/${svc.id}`, {})).status).toBe(400);
    expect((await owner.delete(`/services/${svc.id}`, { confirm_name: svc.name })).status).toBe(204);
    expect((await owner.get(`/services/${svc.id}`)).status).toBe(404);
    expect((await owner.get(`/service-revisions/${svc.revisions[0].id}`)).status).toBe(404);
  });

  it("Prod refuses scale to zero naming the policy, until an Owner turns the policy off", async () => {
    const prod = await w.users.tenantAdmin!.client.post(`/tenants/${w.tenantId}/projects`, {
      name: `Prod ${name()}`,
      env: "prod",
      owner_id: w.users.owner!.id,
    });
    expect(prod.status, prod.text).toBe(201);
    const projectId = prod.body.data.id;
    const zero = { autoscaling: { min_replicas: 0, max_replicas: 2, scale_to_zero: true } };
    const refused = await create({ config: llama(zero) }, owner, projectId);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/prod_disallow_scale_to_zero/);
    expect(refused.body.error.details).toMatchObject({ policy: "prod_disallow_scale_to_zero" });
    // A Prod service in a Dev project is held to it too.
    const prodInDev = await create({ config: llama(zero), env: "prod" });
    expect(prodInDev.status).toBe(422);
    expect((await create({ config: llama(zero) })).status).toBe(201);

    const policies = (await owner.get(`/projects/${projectId}/policies`)).body.data;
    const off = await owner.put(`/projects/${projectId}/policies`, {
      prod_disallow_scale_to_zero: false,
      prod_force_alerts: policies.prod_force_alerts,
      prod_no_playground_logging: policies.prod_no_playground_logging,
      viewers_cannot_view_logs: policies.viewers_cannot_view_logs,
    });
    expect(off.status, off.text).toBe(200);
    const allowed = await create({ config: llama(zero) }, owner, projectId);
    expect(allowed.status, allowed.text).toBe(201);
    expect(allowed.body.data.env).toBe("prod");
  });

  it("an openai-compatible upstream key is stored sealed and never answered", async () => {
    const key = `sk-upstream-${Date.now()}-secret`;
    const res = await create({ config: upstream("https://llm.example.test/v1", { api_key: key }) });
    expect(res.status, res.text).toBe(201);
    expect(res.text).not.toContain(key);
    expect(res.body.data.revisions[0].config.runtime).toMatchObject({
      api_key_set: true,
      base_url: "https://llm.example.test/v1",
    });
    const svcId = res.body.data.id;
    for (const path of [
      `/services/${svcId}`,
      `/services/${svcId}/revisions`,
      `/projects/${w.projectId}/services`,
    ])
      expect((await owner.get(path)).text).not.toContain(key);
    const [row] = await server.database.db
      .select()
      .from(tables.serviceRevisions)
      .where(eq(tables.serviceRevisions.serviceId, svcId));
    expect(row!.sealedApiKey).toMatch(/^v1\./);
    expect(row!.sealedApiKey).not.toContain(key);
    expect(JSON.stringify(row!.config)).not.toContain(key);
    expect(server.systemCtx.secrets.open(row!.sealedApiKey!)).toBe(key);
    const audits = await server.database.db
      .select()
      .from(tables.auditEvents)
      .where(eq(tables.auditEvents.resourceId, svcId));
    expect(JSON.stringify(audits)).not.toContain(key);
    // The same configuration with another key is a change; with the same key, none.
    const sameKey = await owner.post(`/services/${svcId}/revisions`, {
      config: upstream("https://llm.example.test/v1", { api_key: key }),
    });
    expect(sameKey.status).toBe(409);
    const rotated = await owner.post(`/services/${svcId}/revisions`, {
      config: upstream("https://llm.example.test/v1", { api_key: `${key}-2` }),
    });
    expect(rotated.status, rotated.text).toBe(201);
    const noUrl = await create({ config: { ...upstream(), runtime: { kind: "openai-compatible" } } });
    expect(noUrl.status).toBe(400);
  });

  it("viewers read but cannot create, deploy or move traffic (403); writes are audited with before and after", async () => {
    const viewer = w.users.viewer!.client;
    const svc = await created();
    expect((await viewer.get(`/services/${svc.id}`)).status).toBe(200);
    expect((await create({ config: llama() }, viewer)).status).toBe(403);
    expect(
      (
        await viewer.post(`/services/${svc.id}/revisions`, {
          config: llama({ runtime: { kind: "llama.cpp", parallel: 3 } }),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await viewer.put(`/services/${svc.id}/traffic`, {
          traffic: [{ revision_id: svc.revisions[0].id, percent: 100 }],
        })
      ).status,
    ).toBe(403);
    expect(
      (await w.users.developer!.client.delete(`/services/${svc.id}`, { confirm_name: svc.name })).status,
    ).toBe(403);

    const deployed = await owner.post(`/services/${svc.id}/revisions`, {
      config: llama({ runtime: { kind: "llama.cpp", parallel: 4 } }),
      strategy: "canary",
      weight: 25,
    });
    const a = tables.auditEvents;
    const [deployAudit] = await server.database.db
      .select()
      .from(a)
      .where(and(eq(a.action, "service.revision.deploy"), eq(a.resourceId, deployed.body.data.id)));
    expect(deployAudit!.before).toEqual({
      service_id: svc.id,
      traffic: [{ revision_id: svc.revisions[0].id, percent: 100 }],
    });
    expect((deployAudit!.after as any).traffic).toEqual([
      { revision_id: svc.revisions[0].id, percent: 75 },
      { revision_id: deployed.body.data.id, percent: 25 },
    ]);
    await owner.patch(`/services/${svc.id}`, { description: "audited" });
    const [updateAudit] = await server.database.db
      .select()
      .from(a)
      .where(and(eq(a.action, "service.update"), eq(a.resourceId, svc.id)));
    expect((updateAudit!.before as any).description).toBe("");
    expect((updateAudit!.after as any).description).toBe("audited");
  });

  it("lists in cursor pages and filters by model, env, desired state and text", async () => {
    const fresh = await w.users.tenantAdmin!.client.post(`/tenants/${w.tenantId}/projects`, {
      name: `Paging ${name()}`,
      env: "test",
      owner_id: w.users.owner!.id,
    });
    const projectId = fresh.body.data.id;
    const ids: string[] = [];
    for (const n of ["alpha-one", "beta-two", "gamma-three"]) {
      const res = await owner.post(`/projects/${projectId}/services`, {
        name: n,
        exposure: "private",
        config: llama(),
      });
      expect(res.status, res.text).toBe(201);
      ids.push(res.body.data.id);
    }
    const page1 = await owner.get(`/projects/${projectId}/services?limit=2`);
    expect(page1.body.data.map((s: any) => s.id)).toEqual([ids[2], ids[1]]);
    expect(page1.body.next_cursor).toBeTruthy();
    // Each row carries its replica counts: the serving revision's bounds (the defaults here) and how many are ready.
    expect(page1.body.data[0].replicas).toMatchObject({ min: 1, max: 1, ready: expect.any(Number) });
    const page2 = await owner.get(`/projects/${projectId}/services?limit=2&cursor=${page1.body.next_cursor}`);
    expect(page2.body.data.map((s: any) => s.id)).toEqual([ids[0]]);
    expect(page2.body.next_cursor).toBeNull();
    expect(
      (await owner.get(`/projects/${projectId}/services?q=beta`)).body.data.map((s: any) => s.id),
    ).toEqual([ids[1]]);
    expect((await owner.get(`/projects/${projectId}/services?model=${tinyLatest}`)).body.data).toHaveLength(
      3,
    );
    expect((await owner.get(`/projects/${projectId}/services?model=${tinyModelId}`)).body.data).toHaveLength(
      3,
    );
    expect(
      (await owner.get(`/projects/${projectId}/services?model=${ownModel.modelId}`)).body.data,
    ).toHaveLength(0);
    expect((await owner.get(`/projects/${projectId}/services?env=test`)).body.data).toHaveLength(3);
    await owner.post(`/services/${ids[0]}/stop`);
    expect(
      (await owner.get(`/projects/${projectId}/services?desired_state=inactive`)).body.data.map(
        (s: any) => s.id,
      ),
    ).toEqual([ids[0]]);
    expect((await owner.get(`/projects/${projectId}/services?cursor=garbage`)).status).toBe(400);
    const csv = await owner.get(`/projects/${projectId}/services?format=csv`);
    expect(csv.status, csv.text).toBe(200);
    expect(csv.text.trim().split("\r\n")).toHaveLength(4);
    expect(csv.text).toContain("gamma-three");
  });

  it("concurrent deploys queue on the service's lock: numbers never collide, a twin configuration is refused", async () => {
    const svc = await created();
    const configs = [1, 2, 3, 4].map((p) => llama({ runtime: { kind: "llama.cpp", parallel: 10 + p } }));
    const results = await Promise.all(
      [...configs, configs[0]].map((config) =>
        owner.post(`/services/${svc.id}/revisions`, { config, strategy: "canary", weight: 10 }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 201, 409]);
    const revisions = (await owner.get(`/services/${svc.id}/revisions`)).body.data;
    expect(revisions.map((r: any) => r.number).sort()).toEqual([1, 2, 3, 4, 5]);
    const detail = (await owner.get(`/services/${svc.id}`)).body.data;
    expect(detail.traffic.reduce((sum: number, t: any) => sum + t.percent, 0)).toBe(100);
  });

  it("bad transports get a clear 4xx", async () => {
    const form = await owner.request("POST", `/projects/${w.projectId}/services`, "name=x", {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(form.status).toBe(415);
    expect(form.body.error.code).toBe("unsupported_media_type");
    const broken = await owner.request("POST", `/projects/${w.projectId}/services`, "{not json", {
      "content-type": "application/json",
    });
    expect(broken.status).toBe(400);
    const extra = await create({ config: llama(), replicas: 3 });
    expect(extra.status).toBe(400);
  });
});
