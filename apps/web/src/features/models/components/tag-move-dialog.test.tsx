import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { findDialog } from "../../../test/dialogs";
import { apiError, fakeApi, type RecordedRequest } from "../../../test/fake-api";
import { page, permissions } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { evaluationGate, model, modelVersion, tagMove } from "../test/fixtures";
import TagMoveDialog from "./tag-move-dialog";

const refusal = () =>
  apiError(
    412,
    "precondition_failed",
    '"prod" is protected: the project requires a passing evaluation',
    "req_g1",
    {
      gates: [evaluationGate(false)],
    },
  );

/** The prod tag's PUT: dry runs answer current vs target; a real move is refused by the gate unless forced. */
function setup({
  owner,
  gatePasses = false,
  evaluationRunId,
}: {
  owner: boolean;
  gatePasses?: boolean;
  evaluationRunId?: string;
}) {
  const api = fakeApi({
    "GET /api/v1/auth/permissions": permissions(
      ["model.tag.update", ...(owner ? ["project.policy.update"] : [])],
      owner ? {} : { "project.policy.update": "only an Owner" },
    ),
    "GET /api/v1/models/mdl_1/versions": () =>
      page([modelVersion({ id: "mv_2" }), modelVersion({ id: "mv_1", tags: ["prod"] })]),
    "PUT /api/v1/models/mdl_1/tags/prod": (req: RecordedRequest) => {
      const body = req.body as { dry_run?: boolean; force?: boolean; reason?: string };
      if (body.dry_run) return { body: { data: tagMove({ gates: [evaluationGate(gatePasses)] }) } };
      if (!gatePasses && !body.force) return refusal();
      return {
        body: { data: tagMove({ dry_run: false, forced: Boolean(body.force), history_id: "mth_1" }) },
        headers: { "X-Audit-Event-Id": "ae_9" },
      };
    },
  });
  const onClose = vi.fn();
  const ui = renderUi(
    <TagMoveDialog
      tenantId="ten_1"
      projectId="proj_1"
      model={model()}
      request={{ mode: "promote", tag: "prod", versionId: "mv_2", evaluationRunId }}
      onClose={onClose}
    />,
  );
  const moves = () =>
    api.requests.filter((r) => r.method === "PUT" && !(r.body as { dry_run?: boolean }).dry_run);
  return { ...api, ...ui, onClose, moves };
}

describe("TagMoveDialog (promote)", () => {
  it("shows current vs target and the gates first; a refusal, then an Owner's force with a reason", {
    timeout: 60_000,
  }, async () => {
    const { user, onClose, moves } = setup({ owner: true });
    const dialog = await findDialog("Promote tag");
    // The dry run: what the tag points to now, the resolved target, and the gate that will refuse.
    await within(dialog).findByText("prod_requires_passing_evaluation");
    expect(within(dialog).getByText("Failed")).toBeInTheDocument();
    const rows = within(dialog).getAllByRole("row");
    expect(rows[0]).toHaveTextContent("Points to now");
    expect(rows[0]).toHaveTextContent("mv_1");
    expect(rows[1]).toHaveTextContent("mv_2");
    expect(moves()).toHaveLength(0);

    await user.click(within(dialog).getByRole("button", { name: "Promote" }));
    const alert = await within(dialog).findByRole("alert");
    expect(alert).toHaveTextContent("The release gate refused this move");
    expect(alert).toHaveTextContent('"prod" is protected');
    expect(within(dialog).getByRole("button", { name: "Promote" })).toBeDisabled();

    await user.click(within(dialog).getByRole("checkbox", { name: "Force it (Owners only)" }));
    const force = within(dialog).getByRole("button", { name: "Force promote" });
    expect(force).toBeDisabled();
    // A reason of at least 5 characters and the confirmation, both.
    await user.type(within(dialog).getByLabelText("Reason for forcing"), "ok");
    await user.click(
      within(dialog).getByRole("checkbox", { name: "I confirm I am overriding the release gate" }),
    );
    expect(force).toBeDisabled();
    await user.type(within(dialog).getByLabelText("Reason for forcing"), " — evaluation runs after launch");
    await waitFor(() => expect(force).toBeEnabled());
    await user.click(force);
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(moves().map((r) => r.body)).toEqual([
      { version_id: "mv_2" },
      { version_id: "mv_2", force: true, reason: "ok — evaluation runs after launch" },
    ]);
    expect(await screen.findByText("prod was forced to mv_2")).toBeInTheDocument();
  });

  it("offers no force to someone who is not an Owner", { timeout: 60_000 }, async () => {
    const { user, moves } = setup({ owner: false });
    const dialog = await findDialog("Promote tag");
    await within(dialog).findByText("prod_requires_passing_evaluation");
    await user.click(within(dialog).getByRole("button", { name: "Promote" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("The release gate refused this move");
    expect(
      within(dialog).getByText("Only an Owner may force a move past a failed gate."),
    ).toBeInTheDocument();
    expect(within(dialog).queryByRole("checkbox", { name: "Force it (Owners only)" })).toBeNull();
    expect(within(dialog).getByRole("button", { name: "Promote" })).toBeDisabled();
    expect(moves()).toHaveLength(1);
  });

  it("moves the tag at once when the gates pass", { timeout: 60_000 }, async () => {
    const { user, onClose, moves } = setup({ owner: false, gatePasses: true });
    const dialog = await findDialog("Promote tag");
    await within(dialog).findByText("Passed");
    await user.click(within(dialog).getByRole("button", { name: "Promote" }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(moves().map((r) => r.body)).toEqual([{ version_id: "mv_2" }]);
    expect(await screen.findByText("prod now points to mv_2")).toBeInTheDocument();
  });

  it("links a refusal to a gate evaluation of the target version", { timeout: 60_000 }, async () => {
    const { user } = setup({ owner: false });
    const dialog = await findDialog("Promote tag");
    await within(dialog).findByText("prod_requires_passing_evaluation");
    await user.click(within(dialog).getByRole("button", { name: "Promote" }));
    await within(dialog).findByRole("alert");
    expect(within(dialog).getByRole("link", { name: "Go to evaluation" })).toHaveAttribute(
      "href",
      "/t/ten_1/p/proj_1/evaluation/new?kind=gate&model_version_id=mv_2",
    );
  });

  it("carries the evaluation run it was opened with as evidence, and shows it", {
    timeout: 60_000,
  }, async () => {
    const { user, requests, moves } = setup({ owner: false, gatePasses: true, evaluationRunId: "evr_1" });
    const dialog = await findDialog("Promote tag");
    await within(dialog).findByText("Passed");
    expect(within(dialog).getByTestId("evidence")).toHaveTextContent("Passing gate evaluation evr_1");
    expect(within(dialog).getByTestId("evidence")).toHaveAttribute(
      "href",
      "/t/ten_1/p/proj_1/evaluation/evr_1",
    );
    const dryRun = requests.find((r) => r.method === "PUT" && (r.body as { dry_run?: boolean }).dry_run);
    expect(dryRun?.body).toMatchObject({ evaluation_run_id: "evr_1" });
    await user.click(within(dialog).getByRole("button", { name: "Promote" }));
    await waitFor(() => expect(moves()).toHaveLength(1));
    expect(moves()[0]?.body).toEqual({ version_id: "mv_2", evaluation_run_id: "evr_1" });
  });
});
