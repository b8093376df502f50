import type { ModelTagHistoryEntry } from "@infera/contracts";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { findDialog } from "../../../test/dialogs";
import { fakeApi, type RecordedRequest } from "../../../test/fake-api";
import { page, permissions } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { evaluationGate, model, modelVersion, tagMove } from "../test/fixtures";
import { TagHistory } from "./tag-history";
import TagMoveDialog from "./tag-move-dialog";

const entry = (over: Partial<ModelTagHistoryEntry>): ModelTagHistoryEntry => ({
  id: "mth_1",
  model_id: "mdl_1",
  tag: "prod",
  action: "set",
  from_version_id: null,
  to_version_id: "mv_1",
  reason: "",
  forced: false,
  actor_type: "user",
  actor_id: "usr_1",
  actor_label: "owner@x.io",
  created_at: "2025-03-01T08:00:00.000Z",
  ...over,
});
// Newest first: a forced promote to mv_2, after prod first pointed at mv_1.
const history = [
  entry({
    id: "mth_2",
    from_version_id: "mv_1",
    to_version_id: "mv_2",
    forced: true,
    reason: "evaluation runs after launch",
    created_at: "2025-03-02T08:00:00.000Z",
  }),
  entry({}),
];

describe("rolling a tag back", () => {
  it("undoes the last move (back where it came from) and the history beside it still reads its pages", {
    timeout: 60_000,
  }, async () => {
    const { requests } = fakeApi({
      "GET /api/v1/auth/permissions": permissions(["model.tag.rollback", "project.policy.update"]),
      "GET /api/v1/models/mdl_1/versions": () => page([modelVersion({ id: "mv_2" }), modelVersion()]),
      "GET /api/v1/models/mdl_1/tags/prod/history": () => page(history),
      "PUT /api/v1/models/mdl_1/tags/prod": (req: RecordedRequest) => ({
        body: {
          data: tagMove({
            current_version_id: "mv_2",
            target_version_id: (req.body as { version_id: string }).version_id,
            gates: [evaluationGate(true)],
          }),
        },
      }),
      "POST /api/v1/models/mdl_1/tags/prod/rollback": () => ({
        body: {
          data: tagMove({ current_version_id: "mv_2", target_version_id: "mv_1", dry_run: false, gates: [] }),
        },
      }),
    });
    const onClose = vi.fn();
    const { user } = renderUi(
      <>
        <TagHistory modelId="mdl_1" tag="prod" />
        <TagMoveDialog
          tenantId="ten_1"
          projectId="proj_1"
          model={model()}
          request={{ mode: "rollback", tag: "prod" }}
          onClose={onClose}
        />
      </>,
    );
    // Both ask for the tag's history: the dialog's single page must not stand in for the table's pages.
    const table = await screen.findByRole("table", { name: "History of prod" });
    await waitFor(() => expect(within(table).getAllByRole("row")).toHaveLength(3));
    expect(table).toHaveTextContent("evaluation runs after launch");
    expect(table).toHaveTextContent("Forced");
    expect(table).toHaveTextContent("owner@x.io");

    const dialog = await findDialog("Roll back tag prod");
    await within(dialog).findByText("Passed");
    expect(within(dialog).getByTestId("resolved-target")).toHaveTextContent("mv_1");
    const dryRun = requests.find((r) => r.method === "PUT");
    expect(dryRun?.body).toEqual({ version_id: "mv_1", dry_run: true });
    await user.click(within(dialog).getByRole("button", { name: "Roll back" }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(requests.filter((r) => r.method === "POST").map((r) => r.body)).toEqual([{ steps: 1 }]);
  });
});
