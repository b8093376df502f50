import type { GateRule } from "@infera/contracts";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { findDialog } from "../../../test/dialogs";
import { apiError, fakeApi, type RecordedRequest } from "../../../test/fake-api";
import { page, permissions } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { gateRule, projectModel } from "../test/fixtures";
import { GateRulesPage } from "./gate-rules-page";

const at = (lang: "en-US" | "zh-CN" = "en-US") => ({
  route: "/t/ten_1/p/proj_1/evaluation/gate-rules",
  path: "/t/:tenantId/p/:projectId/evaluation/gate-rules",
  lang,
});
const writes = ["evaluation.gate_rule.create", "evaluation.gate_rule.delete"];
const RULES = "/api/v1/projects/proj_1/evaluation-gate-rules";

const latencyRule = gateRule({
  id: "egr_2",
  model_id: "mdl_1",
  metric: "latency_ms",
  comparator: "not_worse_than_prod",
  threshold: null,
  margin: 50,
  description: "",
  created_by: "usr_2",
});
const regressionRule = gateRule({
  id: "egr_3",
  metric: "regression_pass_rate",
  comparator: "pass_rate_at_least",
  threshold: 0.9,
  // As the list sends it: the prompts' count, not the prompts.
  prompt_count: 2,
  description: "never regress on these",
});

/** The server: a store of rules, the create answer the handler gives, the models for the scope picker. */
function server(opts: {
  rules?: GateRule[];
  allowed?: string[];
  denied?: Record<string, string>;
  create?: (req: RecordedRequest) => ReturnType<Parameters<typeof fakeApi>[0][string]>;
}) {
  let stored = opts.rules ?? [];
  const api = fakeApi({
    "GET /api/v1/auth/permissions": permissions(opts.allowed ?? writes, opts.denied),
    [`GET ${RULES}`]: (req) => {
      // Two rules a page: the second page follows the cursor.
      const start = req.query.get("cursor") === "c2" ? 2 : 0;
      const limit = Number(req.query.get("limit") ?? 20);
      const size = Math.min(limit, 2);
      const rows = stored.slice(start, start + size);
      return page(rows, start + size < stored.length ? "c2" : null);
    },
    "GET /api/v1/projects/proj_1/models": () => page([projectModel()]),
    [`POST ${RULES}`]: (req) => {
      const answer = opts.create?.(req);
      if (answer) return answer;
      const body = req.body as Partial<GateRule>;
      const created = gateRule({
        id: "egr_new",
        model_id: body.model_id ?? null,
        metric: body.metric ?? "regression_pass_rate",
        comparator: body.comparator,
        threshold: body.threshold ?? null,
        margin: body.margin ?? null,
        prompts: body.prompts,
        prompt_count: body.prompts?.length ?? null,
        description: body.description ?? "",
      });
      stored = [...stored, created];
      return { status: 201, body: { data: created }, headers: { "X-Audit-Event-Id": "ae_1" } };
    },
    "DELETE /api/v1/evaluation-gate-rules/:id": (req) => {
      stored = stored.filter((r) => !req.path.endsWith(`/${r.id}`));
      return { status: 204, headers: { "X-Audit-Event-Id": "ae_2" } };
    },
  });
  return api;
}

const posts = (requests: RecordedRequest[]) => requests.filter((r) => r.method === "POST");

describe("GateRulesPage", () => {
  it("lists the project's rules page by page: metric, comparison, scope, prompts, description, creator", {
    timeout: 60_000,
  }, async () => {
    const { requests } = server({
      rules: [gateRule(), latencyRule, regressionRule],
    });
    const { user } = renderUi(<GateRulesPage />, at());
    const table = await screen.findByRole("table", { name: "Gate rules" });
    await within(table).findByText("≥ 0.8");
    expect(within(table).getByText("Exact match")).toBeInTheDocument();
    expect(within(table).getByText("not worse than prod by more than 50")).toBeInTheDocument();
    // The scope names the model (from the project's models), or says every model.
    expect(await within(table).findByText("support-router")).toBeInTheDocument();
    expect(within(table).getByText("Every model of the project")).toBeInTheDocument();
    expect(within(table).getByText("release floor")).toBeInTheDocument();
    expect(within(table).getByText("usr_2")).toBeInTheDocument();
    // The third rule is on the next page.
    expect(within(table).queryByText("never regress on these")).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Next" }));
    const next = await screen.findByText("never regress on these");
    const row = next.closest("tr")!;
    expect(within(row).getByText("Regression pass rate")).toBeInTheDocument();
    expect(within(row).getByText("≥ 0.9 of 2 regression prompts pass")).toBeInTheDocument();
    expect(within(row).getByText("2")).toBeInTheDocument();
    const lists = requests.filter((r) => r.method === "GET" && r.path === RULES);
    expect(lists.at(-1)?.query.get("cursor")).toBe("c2");
  });

  it("shows the empty state with Add rule, and the error state when the list fails", {
    timeout: 60_000,
  }, async () => {
    server({ rules: [] });
    const first = renderUi(<GateRulesPage />, at());
    expect(await screen.findByText("No gate rules yet")).toBeInTheDocument();
    expect(screen.getAllByRole("button", { name: /Add rule/ }).length).toBeGreaterThan(0);
    first.unmount();

    fakeApi({
      "GET /api/v1/auth/permissions": permissions(writes),
      "GET /api/v1/projects/proj_1/models": () => page([]),
      [`GET ${RULES}`]: () => apiError(500, "internal", "Something went wrong on our side.", "req_boom"),
    });
    renderUi(<GateRulesPage />, at());
    expect(await screen.findByText(/Something went wrong on our side/)).toBeInTheDocument();
  });

  it("adds “exact match ≥ 0.8” for one model: the request, the toast with its audit link, the new row", {
    timeout: 120_000,
  }, async () => {
    const { requests } = server({ rules: [] });
    const { user } = renderUi(<GateRulesPage />, at());
    await screen.findByText("No gate rules yet");
    await user.click(screen.getAllByRole("button", { name: /Add rule/ })[0]!);
    const dialog = await findDialog("Add gate rule");
    // Exact match and "Threshold" are the defaults; the threshold's scale is said.
    expect(within(dialog).getByText("Scale 0–1")).toBeInTheDocument();
    await user.type(within(dialog).getByRole("spinbutton", { name: "Threshold" }), "0.8");
    await user.click(within(dialog).getByRole("combobox", { name: "Model" }));
    await user.click(await screen.findByTitle("support-router"));
    await user.type(within(dialog).getByRole("textbox", { name: "Description" }), "routes 80 % right");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(posts(requests)).toHaveLength(1));
    expect(posts(requests)[0]?.body).toEqual({
      model_id: "mdl_1",
      description: "routes 80 % right",
      comparator: "at_least",
      metric: "exact_match",
      threshold: 0.8,
    });
    expect(await screen.findByText("Added gate rule: Exact match ≥ 0.8")).toBeInTheDocument();
    const audit = await screen.findByRole("link", { name: /audit/i });
    expect(audit.getAttribute("href")).toContain("event=ae_1");
    const table = await screen.findByRole("table", { name: "Gate rules" });
    expect(await within(table).findByText("routes 80 % right")).toBeInTheDocument();
  });

  it("adds a pass-rate rule from pasted JSONL: a bad line is refused by its number before anything is sent", {
    timeout: 120_000,
  }, async () => {
    const { requests } = server({ rules: [] });
    const { user } = renderUi(<GateRulesPage />, at());
    await screen.findByText("No gate rules yet");
    await user.click(screen.getAllByRole("button", { name: /Add rule/ })[0]!);
    const dialog = await findDialog("Add gate rule");
    await user.click(within(dialog).getByText("Regression prompts pass rate"));
    expect(within(dialog).queryByRole("combobox", { name: "Metric" })).not.toBeInTheDocument();
    await user.type(within(dialog).getByRole("spinbutton", { name: "Pass rate (0–1)" }), "0.95");
    const box = within(dialog).getByRole("textbox", { name: "Regression prompts (JSONL)" });
    const good = [
      '{"prompt": "Route: I was charged twice", "checks": [{"kind": "contains", "text": "billing"}]}',
      "",
      '{"prompt": "Reply in JSON", "checks": [{"kind": "json_valid"}]}',
    ];
    await user.click(box);
    await user.paste(
      [
        ...good,
        '{"prompt": "broken", "checks": [{"kind": "regex", "pattern": "(unclosed"}]}',
        '{"prompt": "no checks", "checks": []}',
        "not json",
      ].join("\n"),
    );
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(
      await within(dialog).findByText(/^Line 4: checks\.0\.pattern: the pattern does not compile/),
    ).toBeInTheDocument();
    expect(within(dialog).getByText(/^Line 5: checks: /)).toBeInTheDocument();
    expect(within(dialog).getByText("Line 6: not valid JSON")).toBeInTheDocument();
    expect(posts(requests)).toEqual([]);

    await user.clear(box);
    await user.click(box);
    await user.paste(good.join("\n"));
    expect(await within(dialog).findByText("2 prompts read")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(posts(requests)).toHaveLength(1));
    expect(posts(requests)[0]?.body).toEqual({
      model_id: null,
      description: "",
      comparator: "pass_rate_at_least",
      threshold: 0.95,
      prompts: [
        { prompt: "Route: I was charged twice", checks: [{ kind: "contains", text: "billing" }] },
        { prompt: "Reply in JSON", checks: [{ kind: "json_valid" }] },
      ],
    });
    expect(
      await screen.findByText("Added gate rule: Regression pass rate ≥ 0.95 of 2 regression prompts pass"),
    ).toBeInTheDocument();
  });

  it("shows the server's refusal on its field: a threshold off the scale, a prompt's check at its line", {
    timeout: 120_000,
  }, async () => {
    let answer = apiError(400, "validation_error", "threshold 0.8 is off bleu's scale", "req_1", {
      field: "threshold",
    });
    const { requests } = server({ rules: [], create: () => answer });
    const { user } = renderUi(<GateRulesPage />, at());
    await screen.findByText("No gate rules yet");
    await user.click(screen.getAllByRole("button", { name: /Add rule/ })[0]!);
    const dialog = await findDialog("Add gate rule");
    await user.type(within(dialog).getByRole("spinbutton", { name: "Threshold" }), "0.8");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    const onThreshold = await within(dialog).findByText("threshold 0.8 is off bleu's scale");
    expect(onThreshold.closest(".ant-form-item")?.textContent).toContain("Threshold");

    // A 422 on the second prompt's schema (checked only by the server) points at its line.
    answer = apiError(
      422,
      "unprocessable_content",
      "the schema is not in the supported subset: $ref is not supported",
      "req_2",
      { field: "prompts[1].checks[0].schema" },
    );
    await user.click(within(dialog).getByText("Regression prompts pass rate"));
    await user.type(within(dialog).getByRole("spinbutton", { name: "Pass rate (0–1)" }), "1");
    await user.click(within(dialog).getByRole("textbox", { name: "Regression prompts (JSONL)" }));
    await user.paste(
      [
        '{"prompt": "a", "checks": [{"kind": "json_valid"}]}',
        "",
        '{"prompt": "b", "checks": [{"kind": "json_schema", "schema": {"$ref": "#/x"}}]}',
      ].join("\n"),
    );
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(
      await within(dialog).findByText(
        "Line 3: checks.0.schema: the schema is not in the supported subset: $ref is not supported",
      ),
    ).toBeInTheDocument();
    expect(posts(requests)).toHaveLength(2);
    // Nothing was added: the dialog stays open.
    expect(within(dialog).getByRole("button", { name: "Save" })).toBeInTheDocument();
  });

  it("deletes a rule only once its id is typed, with the audit link in the toast", {
    timeout: 60_000,
  }, async () => {
    const { requests } = server({ rules: [gateRule(), latencyRule] });
    const { user } = renderUi(<GateRulesPage />, at());
    await screen.findByText("release floor");
    await user.click(screen.getByRole("button", { name: "Delete rule Exact match ≥ 0.8" }));
    const dialog = await findDialog("Delete the gate rule Exact match ≥ 0.8?");
    const confirm = within(dialog).getByRole("button", { name: "Delete" });
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByRole("textbox"), "egr_1");
    await user.click(confirm);
    await waitFor(() => expect(screen.queryByText("release floor")).not.toBeInTheDocument());
    expect(requests.filter((r) => r.method === "DELETE").map((r) => r.path)).toEqual([
      "/api/v1/evaluation-gate-rules/egr_1",
    ]);
    expect(await screen.findByText("Deleted gate rule: Exact match ≥ 0.8")).toBeInTheDocument();
    expect((await screen.findByRole("link", { name: /audit/i })).getAttribute("href")).toContain(
      "event=ae_2",
    );
    expect(screen.getByText("not worse than prod by more than 50")).toBeInTheDocument();
  });

  it("in Chinese, a viewer sees the rules without Add or Delete", { timeout: 60_000 }, async () => {
    server({
      rules: [gateRule()],
      allowed: ["evaluation.gate_rule.list"],
      denied: Object.fromEntries(writes.map((a) => [a, "viewer"])),
    });
    renderUi(<GateRulesPage />, at("zh-CN"));
    expect(await screen.findByText("release floor")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "门禁规则" })).toBeInTheDocument();
    expect(
      within(screen.getByRole("table", { name: "门禁规则" })).getByText("项目内所有模型"),
    ).toBeInTheDocument();
    // Once the permissions are read: the page says who writes rules, and offers no write.
    expect(await screen.findByText("只有项目所有者和租户管理员可以添加或删除门禁规则。")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /添加规则/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /删除规则/ })).not.toBeInTheDocument();
  });
});
