import type { ModelTagHistoryEntry } from "@infera/contracts";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeApi } from "../../../test/fake-api";
import { page } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { TagHistory } from "./tag-history";

const entry = (over: Partial<ModelTagHistoryEntry>): ModelTagHistoryEntry => ({
  id: "mth_1",
  model_id: "mdl_1",
  tag: "prod",
  action: "set",
  from_version_id: null,
  to_version_id: "mv_1",
  reason: "",
  forced: false,
  evidence_evaluation_run_id: null,
  actor_type: "user",
  actor_id: "usr_1",
  actor_label: "owner@x.io",
  created_at: "2025-03-01T08:00:00.000Z",
  ...over,
});

describe("a tag's history", () => {
  it("links the passing gate evaluation that allowed a move to prod (its evidence)", {
    timeout: 30_000,
  }, async () => {
    fakeApi({
      "GET /api/v1/models/mdl_1/tags/prod/history": () =>
        page([
          entry({
            id: "mth_2",
            from_version_id: "mv_1",
            to_version_id: "mv_2",
            evidence_evaluation_run_id: "evr_9",
          }),
          entry({}),
        ]),
    });
    renderUi(<TagHistory modelId="mdl_1" tag="prod" />, {
      route: "/t/ten_1/p/proj_1/models/mdl_1",
      path: "/t/:tenantId/p/:projectId/models/:modelId",
    });
    const table = await screen.findByRole("table", { name: "History of prod" });
    await waitFor(() => expect(within(table).getAllByRole("row")).toHaveLength(3));
    expect(within(table).getByRole("columnheader", { name: "Evidence" })).toBeInTheDocument();
    const link = within(table).getByRole("link", { name: "Passing gate evaluation evr_9" });
    expect(link).toHaveAttribute("href", "/t/ten_1/p/proj_1/evaluation/evr_9");
    // The first move had no evidence.
    expect(within(table).getAllByRole("link")).toHaveLength(1);
  });
});
