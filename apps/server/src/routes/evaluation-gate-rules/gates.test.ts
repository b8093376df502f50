import type { GateOutcome, GateRule } from "@infera/contracts";
import { decideGate } from "@infera/core";
import { tables } from "@infera/db";
import { seedUser } from "@infera/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import { type HttpClient, loginAs } from "../../testing/http.js";
import { startTestServer, TEST_ADMIN } from "../../testing/test-server.js";
import { seedModel } from "../models/model-test-helpers.js";

const PASSWORD = "a-long-enough-password-for-tests";

describe("evaluation gate rules and the prod release gate", () => {
  let server: RunningServer;
  let tenantId: string;
  let otherTenantId: string;
  let prodProject: string;
  let devProject: string;
  let otherProject: string;
  let owner: HttpClient;
  let developer: HttpClient;
  let otherAdmin: HttpClient;
  let n = 0;
  const unique = (p: string) => `${p}-${Date.now().toString(36)}-${++n}`;

  async function user(
    tenant: string,
    role: "tenant_admin" | "member",
    projects: { projectId: string; role: "owner" | "developer" | "viewer" }[] = [],
  ) {
    const email = `${unique("u")}@example.test`;
    const u = await seedUser(server.database.db, {
      email,
      password: PASSWORD,
      tenants: [{ tenantId: tenant, role }],
      projects,
    });
    return { id: u.id, client: await loginAs(server.url, email, PASSWORD) };
  }

  /** A finished gate run as the runner leaves it: the verdict decideGate gives on these values. */
  async function gateRun(opts: {
    projectId: string;
    tenant?: string;
    versionId: string;
    exactMatch: number;
    kind?: "gate" | "automatic";
    status?: "succeeded" | "running";
    finishedAt?: Date;
  }): Promise<{ id: string; gate: GateOutcome }> {
    const rule: GateRule = {
      id: "egr_00000000000000000000000000",
      project_id: opts.projectId,
      model_id: null,
      metric: "exact_match",
      comparator: "at_least",
      threshold: 0.8,
      margin: null,
      prompt_count: null,
      description: "",
      created_at: new Date().toISOString(),
      created_by: null,
    };
    const gate = decideGate([rule], {
      candidate: {
        exact_match: {
          value: opts.exactMatch,
          ci_low: opts.exactMatch - 0.03,
          ci_high: opts.exactMatch + 0.04,
          n: 50,
        },
      },
    });
    const id = `evr_${String(Date.now()).padStart(16, "0")}${String(++n).padStart(10, "0")}`;
    const kind = opts.kind ?? "gate";
    const done = (opts.status ?? "succeeded") === "succeeded";
    await server.database.db.insert(tables.evaluationRuns).values({
      id,
      tenantId: opts.tenant ?? tenantId,
      projectId: opts.projectId,
      kind,
      name: null,
      status: opts.status ?? "succeeded",
      targets: [
        {
          key: "a",
          kind: "model_version",
          model_id: null,
          model_version_id: opts.versionId,
          service_id: null,
          revision_id: null,
          label: opts.versionId,
          role: "evaluated",
        },
      ],
      modelVersionId: opts.versionId,
      config: {},
      samplesTotal: 50,
      samplesDone: done ? 50 : 10,
      gate: kind === "gate" && done ? (gate as unknown as Record<string, unknown>) : null,
      gatePassed: kind === "gate" && done ? gate.passed : null,
      finishedAt: done ? (opts.finishedAt ?? new Date()) : null,
    });
    return { id, gate };
  }

  beforeAll(async () => {
    server = await startTestServer();
    const platform = await loginAs(server.url, TEST_ADMIN.email, TEST_ADMIN.password);
    tenantId = (await platform.post("/tenants", { name: unique("Gates") })).body.data.id;
    otherTenantId = (await platform.post("/tenants", { name: unique("Other") })).body.data.id;
    const admin = (await user(tenantId, "tenant_admin")).client;
    const o = await user(tenantId, "member");
    owner = o.client;
    const project = async (a: HttpClient, tenant: string, env: string, ownerId: string) => {
      const res = await a.post(`/tenants/${tenant}/projects`, { name: unique("P"), env, owner_id: ownerId });
      if (res.status !== 201) throw new Error(res.text);
      return res.body.data.id as string;
    };
    prodProject = await project(admin, tenantId, "prod", o.id);
    devProject = await project(admin, tenantId, "dev", o.id);
    developer = (
      await user(tenantId, "member", [
        { projectId: prodProject, role: "developer" },
        { projectId: devProject, role: "developer" },
      ])
    ).client;
    const other = await user(otherTenantId, "tenant_admin");
    otherAdmin = other.client;
    otherProject = await project(otherAdmin, otherTenantId, "dev", other.id);
  });
  afterAll(async () => server?.stop());

  describe("rules", () => {
    it("creates, lists (oldest first, by model) and deletes rules, auditing each write", async () => {
      const { modelId } = await seedModel(developer, prodProject, { versions: 0 });
      const { modelId: otherModel } = await seedModel(developer, prodProject, { versions: 0 });
      const path = `/projects/${prodProject}/evaluation-gate-rules`;
      const atLeast = await owner.post(path, {
        model_id: modelId,
        metric: "exact_match",
        comparator: "at_least",
        threshold: 0.8,
        description: "answers match",
      });
      expect(atLeast.status, atLeast.text).toBe(201);
      expect(atLeast.body.data).toMatchObject({
        project_id: prodProject,
        model_id: modelId,
        threshold: 0.8,
        margin: null,
        description: "answers match",
      });
      expect(atLeast.body.data.id).toMatch(/^egr_/);
      const event = await owner.get(`/audit-events/${atLeast.headers.get("x-audit-event-id")}`);
      expect(event.body.data).toMatchObject({
        action: "evaluation.gate_rule.create",
        resource_type: "evaluation_gate_rule",
        resource_id: atLeast.body.data.id,
      });
      const notWorse = await owner.post(path, { metric: "latency_ms", comparator: "not_worse_than_prod" });
      expect(notWorse.status, notWorse.text).toBe(201);
      // No margin given: not worse at all.
      expect(notWorse.body.data).toMatchObject({ model_id: null, margin: 0, threshold: null });
      const elsewhere = await owner.post(path, {
        model_id: otherModel,
        metric: "bleu",
        comparator: "at_least",
        threshold: 20,
      });
      expect(elsewhere.status).toBe(201);

      const all = await developer.get(path);
      expect(all.status).toBe(200);
      expect(all.body.data.map((r: GateRule) => r.id)).toEqual([
        atLeast.body.data.id,
        notWorse.body.data.id,
        elsewhere.body.data.id,
      ]);
      const forModel = await developer.get(`${path}?model_id=${modelId}`);
      expect(forModel.body.data.map((r: GateRule) => r.id)).toEqual([
        atLeast.body.data.id,
        notWorse.body.data.id,
      ]);
      const paged = await developer.get(`${path}?limit=2`);
      expect(paged.body.data).toHaveLength(2);
      expect(paged.body.next_cursor).toBeTruthy();

      // Only an Owner (or a Tenant Admin) writes rules.
      expect((await developer.delete(`/evaluation-gate-rules/${atLeast.body.data.id}`)).status).toBe(403);
      const del = await owner.delete(`/evaluation-gate-rules/${atLeast.body.data.id}`);
      expect(del.status).toBe(204);
      const gone = await owner.get(`/audit-events/${del.headers.get("x-audit-event-id")}`);
      expect(gone.body.data).toMatchObject({
        action: "evaluation.gate_rule.delete",
        before: { metric: "exact_match" },
      });
      expect((await owner.delete(`/evaluation-gate-rules/${atLeast.body.data.id}`)).status).toBe(404);
      expect((await developer.get(path)).body.data).toHaveLength(2);
    });

    it("refuses a rule that could not decide as written", async () => {
      const path = `/projects/${prodProject}/evaluation-gate-rules`;
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ metric: "exact_match", comparator: "at_least" }, /needs a threshold/],
        [{ metric: "exact_match", comparator: "at_least", threshold: 0.8, margin: 0.1 }, /margin belongs to/],
        [
          { metric: "exact_match", comparator: "not_worse_than_prod", threshold: 0.8 },
          /threshold belongs to/,
        ],
        [
          { metric: "exact_match", comparator: "at_least", threshold: 80 },
          /off exact_match's scale: it is between 0 and 1/,
        ],
        [{ metric: "judge", comparator: "at_least", threshold: 0.5 }, /between 1 and 5/],
        [
          { metric: "rouge_l", comparator: "not_worse_than_prod", margin: 150 },
          /wider than rouge_l's whole scale/,
        ],
        [{ metric: "latency_ms", comparator: "at_least", threshold: -1 }, /at least 0/],
      ];
      for (const [body, message] of cases) {
        const res = await owner.post(path, body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.error.message).toMatch(message);
      }
      const schema = await owner.post(path, {
        metric: "no_such_metric",
        comparator: "at_least",
        threshold: 1,
      });
      expect(schema.status).toBe(400);
      const negative = await owner.post(path, {
        metric: "bleu",
        comparator: "not_worse_than_prod",
        margin: -1,
      });
      expect(negative.status).toBe(400);
      // A ceiling for a lower-is-better metric has no upper bound.
      expect(
        (await owner.post(path, { metric: "latency_ms", comparator: "at_least", threshold: 12000 })).status,
      ).toBe(201);
    });

    it("takes a regression prompt set for pass_rate_at_least, refusing a bad check at its field (422)", async () => {
      const path = `/projects/${prodProject}/evaluation-gate-rules`;
      const ok = { prompt: "Route: refund please", checks: [{ kind: "contains", text: "billing" }] };
      const created = await owner.post(path, {
        comparator: "pass_rate_at_least",
        threshold: 0.95,
        prompts: [ok, { prompt: "JSON please", checks: [{ kind: "json_valid" }] }],
      });
      expect(created.status, created.text).toBe(201);
      expect(created.body.data).toMatchObject({
        metric: "regression_pass_rate",
        comparator: "pass_rate_at_least",
        threshold: 0.95,
        margin: null,
        prompts: [ok, { prompt: "JSON please", checks: [{ kind: "json_valid" }] }],
        prompt_count: 2,
      });
      // A list sends each rule's prompt count; the prompts themselves (up to 500 a rule) only when asked.
      const ofCreated = (res: { body: { data: { id: string }[] } }) =>
        res.body.data.find((r) => r.id === created.body.data.id) as Record<string, unknown>;
      const listed = ofCreated(await developer.get(path));
      expect(listed.prompt_count).toBe(2);
      expect(listed).not.toHaveProperty("prompts");
      const others = (await developer.get(path)).body.data.filter(
        (r: { comparator: string }) => r.comparator !== "pass_rate_at_least",
      );
      expect(others.every((r: { prompt_count: unknown }) => r.prompt_count === null)).toBe(true);
      const withPrompts = ofCreated(await developer.get(`${path}?include_prompts=true`));
      expect(withPrompts.prompts).toEqual([ok, { prompt: "JSON please", checks: [{ kind: "json_valid" }] }]);
      expect(withPrompts.prompt_count).toBe(2);
      expect((await developer.get(`${path}?include_prompts=maybe`)).status).toBe(400);
      const bad = (check: Record<string, unknown>) => ({
        comparator: "pass_rate_at_least",
        threshold: 0.9,
        prompts: [ok, ok, ok, { prompt: "x", checks: [check] }],
      });
      const cases: [Record<string, unknown>, string][] = [
        [bad({ kind: "regex", pattern: "([a-z" }), "prompts[3].checks[0].pattern"],
        [bad({ kind: "regex", pattern: "a", flags: "g" }), "prompts[3].checks[0].flags"],
        [bad({ kind: "json_schema", schema: { $ref: "#/defs/x" } }), "prompts[3].checks[0].schema"],
        [bad({ kind: "not_contains" }), "prompts[3].checks[0].text"],
        [{ comparator: "pass_rate_at_least", threshold: 0.9 }, "prompts"],
      ];
      for (const [body, field] of cases) {
        const res = await owner.post(path, body);
        expect(res.status, JSON.stringify(body)).toBe(422);
        expect(res.body.error.details.field).toBe(field);
      }
      expect((await owner.post(path, { ...bad({ kind: "json_valid" }), threshold: 95 })).status).toBe(400);
      expect(
        (
          await owner.post(path, {
            metric: "exact_match",
            comparator: "at_least",
            threshold: 0.8,
            prompts: [ok],
          })
        ).status,
      ).toBe(400);
      const tooMany = Array.from({ length: 501 }, () => ok);
      expect(
        (await owner.post(path, { comparator: "pass_rate_at_least", threshold: 0.9, prompts: tooMany }))
          .status,
      ).toBe(400);
      // A gate run of a pass-rate rule needs no dataset; one without such a rule still does.
      const { versionIds } = await seedModel(developer, prodProject, { versions: 1 });
      const noData = await developer.post(`/projects/${prodProject}/evaluations`, {
        kind: "gate",
        targets: [{ model_version_id: versionIds[0] }],
        gate_rule_ids: [created.body.data.id],
      });
      expect(noData.status, noData.text).toBe(201);
      expect(noData.body.data.dataset_version_id).toBeNull();
    });

    it("names only a model its project manages: another project's or tenant's is not found", async () => {
      const path = `/projects/${prodProject}/evaluation-gate-rules`;
      const { modelId: devModel } = await seedModel(developer, devProject, { versions: 0 });
      const { modelId: foreign } = await seedModel(otherAdmin, otherProject, { versions: 0 });
      for (const model_id of [devModel, foreign, "mdl_nope"]) {
        const res = await owner.post(path, {
          model_id,
          metric: "exact_match",
          comparator: "at_least",
          threshold: 0.5,
        });
        expect(res.status, model_id).toBe(404);
        expect(res.body.error.message).toBe(`model ${model_id} not found`);
      }
      const rule = await owner.post(path, { metric: "exact_match", comparator: "at_least", threshold: 0.5 });
      expect((await otherAdmin.delete(`/evaluation-gate-rules/${rule.body.data.id}`)).status).toBe(404);
      expect((await otherAdmin.get(path)).status).toBe(404);
    });
  });

  describe("prod_requires_passing_evaluation", () => {
    it("refuses prod naming the failing rule and run, then allows it with a passing run as evidence", async () => {
      const { modelId, versionIds } = await seedModel(developer, prodProject, { versions: 1 });
      const v1 = versionIds[0]!;
      const none = await developer.put(`/models/${modelId}/tags/prod`, { version_id: v1 });
      expect(none.status).toBe(412);
      expect(none.body.error.message).toMatch(/run a gate evaluation of it first/);

      const failing = await gateRun({ projectId: prodProject, versionId: v1, exactMatch: 0.06 });
      const refused = await developer.put(`/models/${modelId}/tags/prod`, { version_id: v1 });
      expect(refused.status).toBe(412);
      expect(refused.body.error.code).toBe("precondition_failed");
      expect(refused.body.error.message).toContain(`exact_match 0.06 < 0.80 in ${failing.id}`);
      expect(refused.body.error.details.evaluation_run_id).toBe(failing.id);
      expect(refused.body.error.details.gates[0]).toMatchObject({
        gate: "prod_requires_passing_evaluation",
        passed: false,
        details: {
          evaluation_run_id: failing.id,
          failed_rules: [{ metric: "exact_match", value: 0.06, threshold: 0.8 }],
        },
      });

      // An older passing run still counts: the newest passing one is the evidence.
      const passing = await gateRun({
        projectId: prodProject,
        versionId: v1,
        exactMatch: 0.86,
        finishedAt: new Date(Date.now() - 60_000),
      });
      const dry = await developer.put(`/models/${modelId}/tags/prod`, { version_id: v1, dry_run: true });
      expect(dry.body.data.gates[0]).toMatchObject({
        passed: true,
        details: { evaluation_run_id: passing.id },
      });
      const moved = await developer.put(`/models/${modelId}/tags/prod`, { version_id: v1 });
      expect(moved.status, moved.text).toBe(200);
      expect(moved.body.data).toMatchObject({ forced: false, target_version_id: v1 });
      const history = await developer.get(`/models/${modelId}/tags/prod/history`);
      expect(history.body.data[0]).toMatchObject({
        to_version_id: v1,
        forced: false,
        evidence_evaluation_run_id: passing.id,
      });
      const event = await owner.get(`/audit-events/${moved.headers.get("x-audit-event-id")}`);
      expect(event.body.data).toMatchObject({ action: "model.tag.update" });
      expect(event.body.data.after).toMatchObject({ version_id: v1, evaluation_run_id: passing.id });
    });

    it("takes a named run only when it is a finished gate run of that version in that project", async () => {
      const { modelId, versionIds } = await seedModel(developer, prodProject, { versions: 2 });
      const [v1, v2] = versionIds as [string, string];
      const ofV1 = await gateRun({ projectId: prodProject, versionId: v1, exactMatch: 0.9 });
      const automatic = await gateRun({
        projectId: prodProject,
        versionId: v2,
        exactMatch: 0.9,
        kind: "automatic",
      });
      const running = await gateRun({
        projectId: prodProject,
        versionId: v2,
        exactMatch: 0.9,
        status: "running",
      });
      const foreign = await gateRun({
        projectId: otherProject,
        tenant: otherTenantId,
        versionId: v2,
        exactMatch: 0.9,
      });
      const elsewhere = await gateRun({ projectId: devProject, versionId: v2, exactMatch: 0.9 });
      const put = (evaluation_run_id: string) =>
        developer.put(`/models/${modelId}/tags/prod`, { version_id: v2, evaluation_run_id });

      const wrongVersion = await put(ofV1.id);
      expect(wrongVersion.status).toBe(422);
      expect(wrongVersion.body.error.message).toBe(`${ofV1.id} evaluated ${v1}, not ${v2}`);
      const notGate = await put(automatic.id);
      expect(notGate.status).toBe(422);
      expect(notGate.body.error.message).toMatch(/automatic run; a tag move takes a gate run/);
      const unfinished = await put(running.id);
      expect(unfinished.status).toBe(422);
      expect(unfinished.body.error.message).toMatch(/is running: only a finished gate run is evidence/);
      for (const id of [foreign.id, elsewhere.id, "evr_nope"]) {
        const res = await put(id);
        expect(res.status, id).toBe(404);
        expect(res.body.error.message).toBe(`evaluation run ${id} not found`);
      }

      // A named failing run fails the gate even when another run of the version passed.
      await gateRun({ projectId: prodProject, versionId: v2, exactMatch: 0.95 });
      const failing = await gateRun({ projectId: prodProject, versionId: v2, exactMatch: 0.5 });
      const refused = await put(failing.id);
      expect(refused.status).toBe(412);
      expect(refused.body.error.message).toContain(`exact_match 0.50 < 0.80 in ${failing.id}`);
      const named = await gateRun({
        projectId: prodProject,
        versionId: v2,
        exactMatch: 0.81,
        finishedAt: new Date(Date.now() - 3_600_000),
      });
      const moved = await put(named.id);
      expect(moved.status, moved.text).toBe(200);
      expect(moved.body.data.gates[0]).toMatchObject({
        passed: true,
        details: { evaluation_run_id: named.id },
      });
      const history = await developer.get(`/models/${modelId}/tags/prod/history`);
      expect(history.body.data[0].evidence_evaluation_run_id).toBe(named.id);
    });

    it("still lets an Owner force prod past a failing run, with a reason and no evidence", async () => {
      const { modelId, versionIds } = await seedModel(developer, prodProject, { versions: 1 });
      const failing = await gateRun({ projectId: prodProject, versionId: versionIds[0]!, exactMatch: 0.1 });
      const body = { version_id: versionIds[0], force: true, reason: "incident 7 hotfix" };
      expect((await developer.put(`/models/${modelId}/tags/prod`, body)).status).toBe(403);
      const forced = await owner.put(`/models/${modelId}/tags/prod`, body);
      expect(forced.status, forced.text).toBe(200);
      expect(forced.body.data).toMatchObject({ forced: true });
      expect(forced.body.data.gates[0].details.evaluation_run_id).toBe(failing.id);
      const history = await owner.get(`/models/${modelId}/tags/prod/history`);
      expect(history.body.data[0]).toMatchObject({ forced: true, evidence_evaluation_run_id: null });
      const event = await owner.get(`/audit-events/${forced.headers.get("x-audit-event-id")}`);
      expect(event.body.data.after).toMatchObject({
        forced: true,
        reason: "incident 7 hotfix",
        evaluation_run_id: null,
      });
    });

    it("records a named passing run as evidence where no policy asks for one, and still checks it", async () => {
      const { modelId, versionIds } = await seedModel(developer, devProject, { versions: 1 });
      const v1 = versionIds[0]!;
      const ofProd = await gateRun({ projectId: prodProject, versionId: v1, exactMatch: 0.9 });
      expect(
        (
          await developer.put(`/models/${modelId}/tags/prod`, {
            version_id: v1,
            evaluation_run_id: ofProd.id,
          })
        ).status,
      ).toBe(404);
      const passing = await gateRun({ projectId: devProject, versionId: v1, exactMatch: 0.9 });
      const moved = await developer.put(`/models/${modelId}/tags/prod`, {
        version_id: v1,
        evaluation_run_id: passing.id,
      });
      expect(moved.status, moved.text).toBe(200);
      expect(moved.body.data.gates).toEqual([]);
      const history = await developer.get(`/models/${modelId}/tags/prod/history`);
      expect(history.body.data[0].evidence_evaluation_run_id).toBe(passing.id);
    });
  });
});
