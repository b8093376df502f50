import { meanInterval, promptOutcomes } from "@infera/core";
import { and, eq, tables } from "@infera/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, type World } from "../../testing/world.js";
import { answerOf, promptOf, seedRatings, seedSideBySideRun } from "./rating-test-helpers.js";

type Winner = "a" | "b" | "tie";

// Two raters' verdicts on prompts 0–9. Decided by both (a majority of 2 needs both): a on 0, 2, 6,
// 9; b on 3; the others split or tie.
const OWNER: Winner[] = ["a", "a", "a", "b", "b", "tie", "a", "b", "tie", "a"];
const DEVELOPER: Winner[] = ["a", "b", "a", "b", "tie", "tie", "a", "a", "b", "a"];

describe("side-by-side rating: ratings, win rate and the preference export of a run", () => {
  let server: RunningServer;
  let w: World;
  let other: World;
  let runId: string;

  beforeAll(async () => {
    server = await startTestServer({}, { apiOnly: true });
    [w, other] = await Promise.all([createWorld(server.url), createWorld(server.url)]);
    runId = await seedSideBySideRun(server, w, { prompts: 10, seed: 7, tag: "main" });
  }, 120_000);
  afterAll(async () => server?.stop());

  const owner = () => w.users.owner!.client;
  const developer = () => w.users.developer!.client;
  const rate = (client = owner(), id = runId, body: Record<string, unknown> = {}) =>
    client.put(`/evaluations/${id}/ratings`, body);
  const allRatings = async (client = owner(), id = runId, extra = "") => {
    const out: any[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await client.get(
        `/evaluations/${id}/ratings?limit=7${cursor ? `&cursor=${cursor}` : ""}${extra}`,
      );
      expect(res.status, res.text).toBe(200);
      out.push(...res.body.data);
      cursor = res.body.next_cursor;
    } while (cursor);
    return out;
  };

  it("owner and developer rate 10 prompts; a second rating replaces the first in place, audited", async () => {
    for (let i = 0; i < 10; i++) {
      const o = await rate(owner(), runId, {
        index: i,
        winner: OWNER[i],
        score_a: 4,
        score_b: 3,
        note: `o${i}`,
      });
      expect(o.status, o.text).toBe(200);
      // The developer first says the opposite of their final verdict on prompt 3, then changes it.
      const first = i === 3 ? "a" : DEVELOPER[i];
      const d = await rate(developer(), runId, { index: i, winner: first });
      expect(d.status, d.text).toBe(200);
    }
    const again = await rate(developer(), runId, { index: 3, winner: "b", note: "on second look" });
    expect(again.status, again.text).toBe(200);
    expect(again.body.data).toMatchObject({
      index: 3,
      rater_id: w.users.developer!.id,
      rater_label: w.users.developer!.email,
      winner: "b",
      score_a: null,
      note: "on second look",
    });

    const ratings = await allRatings();
    expect(ratings).toHaveLength(20);
    expect(ratings.map((r) => r.index)).toEqual([...Array(10).keys()].flatMap((i) => [i, i]));
    const ofPrompt3 = await allRatings(owner(), runId, "&index=3");
    expect(ofPrompt3.map((r) => [r.rater_label, r.winner]).sort()).toEqual(
      [
        [w.users.developer!.email, "b"],
        [w.users.owner!.email, "b"],
      ].sort(),
    );
    const rows = await server.database.db
      .select()
      .from(tables.evaluationRatings)
      .where(and(eq(tables.evaluationRatings.runId, runId), eq(tables.evaluationRatings.index, 3)));
    expect(rows).toHaveLength(2);

    const events = await server.database.db
      .select()
      .from(tables.auditEvents)
      .where(and(eq(tables.auditEvents.action, "evaluation.rate"), eq(tables.auditEvents.resourceId, runId)));
    expect(events).toHaveLength(21);
    const replaced = events.find((e) => (e.after as any)?.note === "on second look")!;
    expect(replaced.before).toMatchObject({ index: 3, winner: "a" });
    expect(replaced.actorId).toBe(w.users.developer!.id);
  });

  it("viewer and Finance may not rate (403); Finance reads the verdicts without the notes", async () => {
    for (const who of ["viewer", "finance"] as const) {
      const res = await rate(w.users[who]!.client, runId, { index: 0, winner: "b" });
      expect(res.status, `${who}: ${res.text}`).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    }
    const viewer = await allRatings(w.users.viewer!.client);
    expect(viewer.find((r) => r.index === 0 && r.rater_id === w.users.owner!.id)?.note).toBe("o0");
    const finance = await allRatings(w.users.finance!.client);
    expect(finance).toHaveLength(20);
    expect(finance.every((r) => r.note === "")).toBe(true);
    expect(finance.map((r) => r.winner)).toEqual(viewer.map((r) => r.winner));
  });

  it("win rate: each prompt decided by its raters' majority, interval seeded by the run's seed", async () => {
    const res = await owner().get(`/evaluations/${runId}/win-rate`);
    expect(res.status, res.text).toBe(200);
    const wr = res.body.data;
    expect(wr).toMatchObject({ ratings: 20, raters: 2, a_wins: 4, b_wins: 1, ties: 5 });
    expect(wr.win_rate_a).toBeCloseTo((4 + 0.5 * 5) / 10, 10);
    // The interval resamples the ten prompt outcomes with seed 7 (the run's).
    const outcomes = [1, 0.5, 1, 0, 0.5, 0.5, 1, 0.5, 0.5, 1];
    const expected = meanInterval(outcomes, { seed: 7 });
    expect([wr.ci_low, wr.ci_high]).toEqual([expected.ci_low, expected.ci_high]);
    expect(wr.ci_low).toBeLessThan(wr.win_rate_a);
    expect(wr.ci_high).toBeGreaterThan(wr.win_rate_a);
    expect((await developer().get(`/evaluations/${runId}/win-rate`)).body.data).toEqual(wr);
    expect((await w.users.finance!.client.get(`/evaluations/${runId}/win-rate`)).body.data).toEqual(wr);

    // The same verdicts on a run with another seed: the same rate, its own interval.
    const seeded = await seedSideBySideRun(server, w, { prompts: 10, seed: 8, tag: "seed8" });
    await seedRatings(server, seeded, w.users.owner!.id, OWNER);
    await seedRatings(server, seeded, w.users.developer!.id, [
      ...DEVELOPER.slice(0, 3),
      "b",
      ...DEVELOPER.slice(4),
    ]);
    const other8 = (await owner().get(`/evaluations/${seeded}/win-rate`)).body.data;
    const expected8 = meanInterval(outcomes, { seed: 8 });
    expect(other8.win_rate_a).toBe(wr.win_rate_a);
    expect([other8.ci_low, other8.ci_high]).toEqual([expected8.ci_low, expected8.ci_high]);

    const empty = await seedSideBySideRun(server, w, { prompts: 2, tag: "empty" });
    expect((await owner().get(`/evaluations/${empty}/win-rate`)).body.data).toEqual({
      ratings: 0,
      raters: 0,
      a_wins: 0,
      b_wins: 0,
      ties: 0,
      win_rate_a: null,
      ci_low: null,
      ci_high: null,
    });
  });

  it("exports the decided prompts as a preference dataset version with lineage, readable through the datasets API", async () => {
    const res = await developer().post(`/evaluations/${runId}/preferences`, {
      dataset_name: "support-prefs",
    });
    expect(res.status, res.text).toBe(201);
    const { dataset_id, dataset_version_id, records } = res.body.data;
    expect(records).toBe(5);

    const version = await developer().get(`/dataset-versions/${dataset_version_id}`);
    expect(version.status, version.text).toBe(200);
    expect(version.body.data).toMatchObject({
      dataset_id,
      number: 1,
      format: "preference",
      shape: "preference",
      rows: 5,
      source: {
        kind: "evaluation_preferences",
        evaluation_run_id: runId,
        min_ratings: 1,
        rated_prompts: 10,
        left_out: 5,
      },
    });
    expect(version.body.data.source.targets).toEqual([
      expect.objectContaining({ key: "a", model_version_id: "mv_main_a", label: "support-router:v2 (main)" }),
      expect.objectContaining({ key: "b", service_id: "svc_main", revision_id: "rev_main" }),
    ]);
    const dataset = await developer().get(`/datasets/${dataset_id}`);
    expect(dataset.body.data).toMatchObject({
      name: "support-prefs",
      format: "preference",
      version_count: 1,
    });

    const preview = await developer().get(`/dataset-versions/${dataset_version_id}/preview`);
    expect(preview.status, preview.text).toBe(200);
    const decided: [number, "a" | "b"][] = [
      [0, "a"],
      [2, "a"],
      [3, "b"],
      [6, "a"],
      [9, "a"],
    ];
    expect(preview.body.data.rows.map((r: any) => r.value)).toEqual(
      decided.map(([i, winner]) => ({
        prompt: promptOf(i),
        chosen: answerOf(winner, i),
        rejected: answerOf(winner === "a" ? "b" : "a", i),
      })),
    );

    const audit = await server.database.db
      .select()
      .from(tables.auditEvents)
      .where(eq(tables.auditEvents.resourceId, dataset_version_id));
    expect(audit.map((e) => [e.action, e.projectId])).toEqual([
      ["evaluation.export_preferences", w.projectId],
    ]);
    expect(audit[0]!.after).toMatchObject({ dataset_created: true, source: { evaluation_run_id: runId } });
  });

  it("min_ratings keeps prompts with enough raters; a second export adds a version to the same dataset", async () => {
    // A third rater on prompts 0–4: 1 becomes a (2 of 3), 4 becomes b (2 of 3).
    for (const [i, winner] of (["a", "a", "b", "b", "b"] as const).entries()) {
      const r = await rate(w.users.tenantAdmin!.client, runId, { index: i, winner });
      expect(r.status, r.text).toBe(200);
    }
    const ds = await owner().post(`/projects/${w.projectId}/datasets`, { name: "prefs-by-raters" });
    expect(ds.status, ds.text).toBe(201);
    const datasetId = ds.body.data.id;
    const three = await owner().post(`/evaluations/${runId}/preferences`, {
      dataset_id: datasetId,
      min_ratings: 3,
    });
    expect(three.status, three.text).toBe(201);
    expect(three.body.data).toMatchObject({ dataset_id: datasetId, records: 5 });
    const two = await owner().post(`/evaluations/${runId}/preferences`, {
      dataset_id: datasetId,
      min_ratings: 2,
    });
    expect(two.status, two.text).toBe(201);
    expect(two.body.data.records).toBe(7);
    const versions = await owner().get(`/datasets/${datasetId}/versions`);
    expect(versions.body.data.map((v: any) => [v.number, v.rows, v.source.min_ratings])).toEqual([
      [2, 7, 2],
      [1, 5, 3],
    ]);
    const preview = await owner().get(`/dataset-versions/${three.body.data.dataset_version_id}/preview`);
    expect(preview.body.data.rows.map((r: any) => r.value.chosen)).toEqual([
      answerOf("a", 0),
      answerOf("a", 1),
      answerOf("a", 2),
      answerOf("b", 3),
      answerOf("b", 4),
    ]);

    const four = await owner().post(`/evaluations/${runId}/preferences`, {
      dataset_id: datasetId,
      min_ratings: 4,
    });
    expect(four.status, four.text).toBe(422);
    expect(four.body.error.message).toMatch(/fewer than 4 rating/);
  });

  it("refuses exports with nothing to export (422), a name taken (409), a chat dataset (409), both or neither target (400)", async () => {
    const unrated = await seedSideBySideRun(server, w, { prompts: 3, tag: "unrated" });
    const none = await owner().post(`/evaluations/${unrated}/preferences`, { dataset_name: "never" });
    expect(none.status, none.text).toBe(422);
    expect(none.body.error.code).toBe("unprocessable_content");
    expect(none.body.error.message).toMatch(/has no ratings yet/);

    await seedRatings(server, unrated, w.users.owner!.id, ["tie", "tie", "tie"]);
    const ties = await owner().post(`/evaluations/${unrated}/preferences`, { dataset_name: "never" });
    expect(ties.status, ties.text).toBe(422);
    expect(ties.body.error.message).toMatch(/3 tied or without a majority/);
    const never = await server.database.db
      .select()
      .from(tables.datasets)
      .where(eq(tables.datasets.name, "never"));
    expect(never).toEqual([]);

    const taken = await owner().post(`/evaluations/${runId}/preferences`, { dataset_name: "SUPPORT-prefs" });
    expect(taken.status, taken.text).toBe(409);
    const chat = await owner().post(`/projects/${w.projectId}/datasets`, { name: "chatty", format: "chat" });
    const wrong = await owner().post(`/evaluations/${runId}/preferences`, { dataset_id: chat.body.data.id });
    expect(wrong.status, wrong.text).toBe(409);
    expect(wrong.body.error.message).toMatch(/holds chat records/);
    for (const body of [{}, { dataset_id: chat.body.data.id, dataset_name: "x" }]) {
      const r = await owner().post(`/evaluations/${runId}/preferences`, body);
      expect(r.status, r.text).toBe(400);
      expect(r.body.error.message).toMatch(/either dataset_id .* or dataset_name/);
    }
    for (const who of ["viewer", "finance"] as const) {
      const r = await w.users[who]!.client.post(`/evaluations/${runId}/preferences`, {
        dataset_name: "nope",
      });
      expect(r.status, r.text).toBe(403);
    }
  });

  it("answers only side-by-side runs, and only prompts both targets answered", async () => {
    const automatic = await seedSideBySideRun(server, w, { prompts: 2, kind: "automatic", tag: "auto" });
    const r = await rate(owner(), automatic, { index: 0, winner: "a" });
    expect(r.status, r.text).toBe(409);
    expect(r.body.error.message).toMatch(/is a automatic run; ratings are given to only side_by_side runs/);
    expect((await owner().get(`/evaluations/${automatic}/win-rate`)).status).toBe(409);
    expect((await owner().get(`/evaluations/${automatic}/ratings`)).status).toBe(409);
    expect((await owner().post(`/evaluations/${automatic}/preferences`, { dataset_name: "x" })).status).toBe(
      409,
    );

    const partial = await seedSideBySideRun(server, w, { prompts: 3, onlyA: [2], tag: "partial" });
    const outside = await rate(owner(), partial, { index: 3, winner: "a" });
    expect(outside.status, outside.text).toBe(422);
    expect(outside.body.error.message).toMatch(
      /prompt 3 is not a prompt of evaluation run .* \(it has prompts 0–2\)/,
    );
    const half = await rate(owner(), partial, { index: 2, winner: "a" });
    expect(half.status, half.text).toBe(422);
    expect(half.body.error.message).toMatch(/no answer from target b yet/);
    expect((await rate(owner(), partial, { index: 1, winner: "tie" })).status).toBe(200);
  });

  it("another tenant's run or dataset, or another project's dataset, is not found (404)", async () => {
    const theirs = await seedSideBySideRun(server, other, { prompts: 2, tag: "theirs" });
    await seedRatings(server, theirs, other.users.owner!.id, ["a", "b"]);
    const me = w.users.tenantAdmin!.client;
    for (const res of [
      await rate(me, theirs, { index: 0, winner: "a" }),
      await me.get(`/evaluations/${theirs}/ratings`),
      await me.get(`/evaluations/${theirs}/win-rate`),
      await me.post(`/evaluations/${theirs}/preferences`, { dataset_name: "stolen" }),
      await me.get(`/evaluations/evr_nonexistent/win-rate`),
    ]) {
      expect(res.status, res.text).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
    const theirDataset = await other.users.owner!.client.post(`/projects/${other.projectId}/datasets`, {
      name: "their-prefs",
    });
    const cross = await owner().post(`/evaluations/${runId}/preferences`, {
      dataset_id: theirDataset.body.data.id,
    });
    expect(cross.status, cross.text).toBe(404);
    expect(cross.body.error.message).toBe("dataset not found");
    // ...the same answer as an id that exists nowhere: no oracle for another tenant's ids.
    const unknown = await owner().post(`/evaluations/${runId}/preferences`, {
      dataset_id: "ds_00000000000000000000000000",
    });
    const { request_id: _a, ...crossError } = cross.body.error;
    const { request_id: _b, ...unknownError } = unknown.body.error;
    expect([unknown.status, unknownError]).toEqual([cross.status, crossError]);

    const project = await w.users.tenantAdmin!.client.post(`/tenants/${w.tenantId}/projects`, {
      name: "elsewhere",
      env: "dev",
      owner_id: w.users.owner!.id,
    });
    expect(project.status, project.text).toBe(201);
    const elsewhere = await owner().post(`/projects/${project.body.data.id}/datasets`, {
      name: "elsewhere-prefs",
    });
    const sideways = await owner().post(`/evaluations/${runId}/preferences`, {
      dataset_id: elsewhere.body.data.id,
    });
    expect(sideways.status, sideways.text).toBe(404);
    // Their run still has no rating of ours.
    expect((await other.users.owner!.client.get(`/evaluations/${theirs}/ratings`)).body.data).toHaveLength(2);
  });

  it("refuses bad transports: a form body (415), malformed JSON and unknown fields (400)", async () => {
    const form = await owner().request("PUT", `/evaluations/${runId}/ratings`, "index=0&winner=a", {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(form.status, form.text).toBe(415);
    expect(form.body.error.code).toBe("unsupported_media_type");
    const malformed = await owner().request("PUT", `/evaluations/${runId}/ratings`, '{"index": 0, "winner":');
    expect(malformed.status, malformed.text).toBe(400);
    expect(malformed.body.error.code).toBe("validation_error");
    const exportMalformed = await owner().request("POST", `/evaluations/${runId}/preferences`, "{nope");
    expect(exportMalformed.status, exportMalformed.text).toBe(400);
    for (const body of [
      { index: 0, winner: "c" },
      { index: -1, winner: "a" },
      { index: 0, winner: "a", score_a: 6 },
      { index: 0, winner: "a", rater_id: "someone-else" },
    ]) {
      const res = await rate(owner(), runId, body);
      expect(res.status, `${JSON.stringify(body)}: ${res.text}`).toBe(400);
    }
    const badIndex = await owner().get(`/evaluations/${runId}/ratings?index=first`);
    expect(badIndex.status, badIndex.text).toBe(400);
    // What the refused calls did not do.
    const prompt0 = await allRatings(owner(), runId, "&index=0");
    expect(prompt0.filter((r) => r.rater_id === w.users.owner!.id).map((r) => r.winner)).toEqual(["a"]);
    expect(promptOutcomes(prompt0).length).toBe(1);
  });
});
