import { eq, tables } from "@infera/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_MODEL_DIR, type RunningServer } from "../main.js";
import { startFixedAnswerUpstream } from "../testing/fixed-answer-upstream.js";
import { startTestServer } from "../testing/test-server.js";
import { createWorld, type World } from "../testing/world.js";

type Upstream = Awaited<ReturnType<typeof startFixedAnswerUpstream>>;

/**
 * The `/v1` model references — a service name, `svc@rev`, a revision id — stay inside the key's
 * project: tenant B's key naming A's service, A's `svc@rev`, or A's revision under B's own service
 * gets exactly the answer of a name that exists nowhere (404 model_not_found in OpenAI's envelope),
 * never 200, 403 or 500. The refusal is metered to B (the caller) and its X-Request-Id is that usage
 * record's id; a bad key (401) leaves no record and is counted in /metrics instead.
 */
describe("security: /v1 model references are the key's project's", () => {
  let server: RunningServer;
  let upstream: Upstream;
  let a: World;
  let b: World;
  let aService: { name: string; id: string; revision: string };
  let bService: { name: string; id: string; revision: string };
  let bSecret: string;

  async function service(w: World, name: string) {
    const owner = w.users.owner!.client;
    const models = await owner.get(`/projects/${w.projectId}/models?scope=system`);
    const tiny = models.body.data.find((m: { name: string }) => m.name === "infera-tiny").id;
    const res = await owner.post(`/projects/${w.projectId}/services`, {
      name,
      exposure: "private",
      config: {
        model: { model_id: tiny, tag: "latest" },
        runtime: { kind: "openai-compatible", base_url: upstream.baseUrl },
        resources: { resource_class: "cpu-2" },
      },
    });
    expect(res.status, res.text).toBe(201);
    for (const end = Date.now() + 30_000; ; await new Promise((r) => setTimeout(r, 200))) {
      const svc = (await owner.get(`/services/${res.body.data.id}`)).body.data;
      if (svc.revisions[0].current_state === "ready") break;
      if (Date.now() > end) throw new Error(`service ${name} never became ready`);
    }
    return { name, id: res.body.data.id as string, revision: res.body.data.revisions[0].id as string };
  }
  async function key(w: World) {
    const res = await w.users.developer!.client.post(`/projects/${w.projectId}/api-keys`, {
      name: `k${Math.random()}`,
      scopes: ["inference:invoke"],
    });
    expect(res.status, res.text).toBe(201);
    return res.body.data.secret as string;
  }
  const call = (secret: string, model: string) =>
    fetch(`${server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify({ model, messages: [{ role: "user", content: "x" }] }),
    });
  /** B's usage records with these ids, once shipped. */
  async function records(ids: string[]) {
    for (let i = 0; ; i++) {
      await server.meter!.ship();
      const rows = await server.database.db
        .select()
        .from(tables.usageRecords)
        .where(eq(tables.usageRecords.tenantId, b.tenantId));
      const found = rows.filter((r) => ids.includes(r.id));
      if (found.length === ids.length || i > 40) return found;
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  beforeAll(async () => {
    upstream = await startFixedAnswerUpstream("fixed");
    server = await startTestServer(
      { INFERA_UPSTREAM_CHECK_SECONDS: "1", INFERA_WORKER_POLL_MS: "100", INFERA_USAGE_SEGMENT_SECONDS: "1" },
      { systemModelDir: BUNDLED_MODEL_DIR },
    );
    a = await createWorld(server.url);
    b = await createWorld(server.url);
    aService = await service(a, "alpha-bot");
    bService = await service(b, "beta-bot");
    bSecret = await key(b);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await upstream?.close();
  });

  it("B naming A's service, A's svc@rev or A's revision under its own service answers as an unknown name", async () => {
    const own = await call(bSecret, bService.name);
    expect(own.status).toBe(200);
    // The record of a served call carries the id its answer's X-Request-Id names.
    const servedId = own.headers.get("x-request-id");
    expect(servedId).toMatch(/^usg_/);

    const envelope = async (res: Response, model: string) => ({
      status: res.status,
      body: JSON.parse((await res.text()).replaceAll(model, "<model>")),
    });
    const unknownModel = "no-such-service";
    const unknown = await envelope(await call(bSecret, unknownModel), unknownModel);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({
      code: "model_not_found",
      type: "not_found_error",
      param: "model",
    });

    const foreign = [
      aService.name,
      `${aService.name}@${aService.revision}`,
      `${bService.name}@${aService.revision}`,
      aService.revision,
      aService.id,
    ];
    const ids: string[] = [servedId!];
    for (const model of foreign) {
      const res = await call(bSecret, model);
      ids.push(res.headers.get("x-request-id")!);
      expect(await envelope(res, model), model).toEqual(unknown);
    }
    // Every one is B's usage record under the id its answer named; A's service never appears.
    const rows = await records(ids);
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(rows.find((r) => r.id === servedId)).toMatchObject({ statusCode: 200, serviceId: bService.id });
    for (const r of rows.filter((r) => r.id !== servedId)) {
      expect(r.statusCode).toBe(404);
      expect(r.projectId).toBe(b.projectId);
      expect(r.serviceId === aService.id || r.revisionId === aService.revision).toBe(false);
    }
    // A's key still reaches A's service (the names were real, only not B's).
    expect((await call(await key(a), `${aService.name}@${aService.revision}`)).status).toBe(200);
  });

  it("a bad key is refused 401 with no usage record, and counted by reason in /metrics", async () => {
    const metric = async () => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      return Number(/infera_gateway_refused_keys_total\{reason="invalid"\} (\d+)/.exec(text)?.[1] ?? 0);
    };
    const before = await metric();
    const bogus = `ifr_${"x".repeat(43)}`;
    for (let i = 0; i < 3; i++) {
      const res = await call(bogus, bService.name);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_api_key");
    }
    expect(await metric()).toBe(before + 3);
    await server.meter!.ship();
    const rows = await server.database.db.select().from(tables.usageRecords);
    expect(rows.filter((r) => r.statusCode === 401)).toEqual([]);
  });
});
