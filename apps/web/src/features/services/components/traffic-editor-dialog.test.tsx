import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { findDialog, findSelectPopup } from "../../../test/dialogs";
import { fakeApi } from "../../../test/fake-api";
import { renderUi } from "../../../test/render";
import { svcIds, threeRevisionService } from "../test/service-detail-fixtures";
import { RollbackDialog } from "./rollback-dialog";
import { TrafficEditorDialog } from "./traffic-editor-dialog";
import { canaryPreview, normalizePercents } from "./traffic-split";

const service = threeRevisionService();
const serviceBody = () => {
  const { revisions: _r, replicas: _p, ...plain } = service;
  return { body: { data: plain } };
};
const weightOf = (n: number) => screen.getByLabelText(`Weight of revision ${n}`) as HTMLInputElement;

describe("traffic split arithmetic", () => {
  it("normalizes by largest remainders like the server, and previews a canary", () => {
    expect(normalizePercents([1, 1, 1])).toEqual([34, 33, 33]);
    expect(normalizePercents([50, 10])).toEqual([83, 17]);
    expect(normalizePercents([0, 0])).toEqual([0, 0]);
    expect(
      canaryPreview(
        [
          { id: "a", percent: 90 },
          { id: "b", percent: 10 },
        ],
        "new",
        10,
      ),
    ).toEqual([
      { id: "a", percent: 81 },
      { id: "b", percent: 9 },
      { id: "new", percent: 10 },
    ]);
  });
});

describe("traffic editor", () => {
  it("checks the sum, normalizes, confirms before/after and sends the split", {
    timeout: 60_000,
  }, async () => {
    const { requests } = fakeApi({ [`PUT /api/v1/services/${svcIds.service}/traffic`]: serviceBody });
    const onDone = vi.fn();
    const { user } = renderUi(
      <TrafficEditorDialog service={service} open onClose={() => {}} onDone={onDone} />,
    );
    await findDialog("Edit traffic of chat-assistant");
    // A failed revision cannot take traffic.
    expect(weightOf(3)).toBeDisabled();
    expect(weightOf(1)).toHaveValue("90");
    expect(screen.getByTestId("traffic-sum")).toHaveTextContent("Sum: 100%");

    await user.clear(weightOf(1));
    await user.type(weightOf(1), "50");
    await waitFor(() => expect(screen.getByTestId("traffic-sum")).toHaveTextContent("Sum: 60%"));
    expect(screen.getByText(/The weights sum to 60%; they must sum to 100%/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Next: confirm" })).toBeDisabled();

    await user.click(screen.getByRole("button", { name: "Normalize" }));
    await waitFor(() => expect(screen.getByTestId("traffic-sum")).toHaveTextContent("Sum: 100%"));
    expect(weightOf(1)).toHaveValue("83");
    expect(weightOf(2)).toHaveValue("17");

    await user.click(screen.getByRole("button", { name: "Next: confirm" }));
    const dialog = await findDialog("Confirm the traffic of chat-assistant");
    const rows = [...dialog.querySelectorAll("tbody tr")].map((r) =>
      [...r.querySelectorAll("td")].map((c) => c.textContent),
    );
    // Newest first; the failed revision with 0% before and after is left out.
    expect(rows).toEqual([
      ["Revision 2", "10%", "17%"],
      ["Revision 1", "90%", "83%"],
    ]);
    expect(requests.filter((r) => r.method === "PUT")).toHaveLength(0);

    await user.click(within(dialog).getByRole("button", { name: "Apply the split" }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const put = requests.find((r) => r.method === "PUT");
    expect(put?.body).toEqual({
      traffic: [
        { revision_id: svcIds.rev2, percent: 17 },
        { revision_id: svcIds.rev1, percent: 83 },
      ],
      normalize: true,
    });
  });

  it("shows the server's refusal in the confirmation", { timeout: 60_000 }, async () => {
    fakeApi({
      [`PUT /api/v1/services/${svcIds.service}/traffic`]: () => ({
        status: 409,
        body: {
          error: {
            code: "conflict",
            message: "revision 2 failed and cannot take traffic",
            request_id: "req_t1",
          },
        },
      }),
    });
    const onDone = vi.fn();
    const { user } = renderUi(
      <TrafficEditorDialog service={service} open onClose={() => {}} onDone={onDone} />,
    );
    await findDialog("Edit traffic of chat-assistant");
    await user.clear(weightOf(1));
    await user.type(weightOf(1), "70");
    await user.clear(weightOf(2));
    await user.type(weightOf(2), "30");
    await user.click(screen.getByRole("button", { name: "Next: confirm" }));
    const dialog = await findDialog("Confirm the traffic of chat-assistant");
    await user.click(within(dialog).getByRole("button", { name: "Apply the split" }));
    expect(await within(dialog).findByText(/revision 2 failed and cannot take traffic/)).toBeInTheDocument();
    expect(onDone).not.toHaveBeenCalled();
  });
});

describe("rollback dialog", () => {
  it("offers the revisions that can take traffic and sends the chosen one", { timeout: 60_000 }, async () => {
    const { requests } = fakeApi({ [`POST /api/v1/services/${svcIds.service}/rollback`]: serviceBody });
    const onDone = vi.fn();
    const { user } = renderUi(<RollbackDialog service={service} open onClose={() => {}} onDone={onDone} />);
    const dialog = await findDialog("Roll back chat-assistant");
    const box = within(dialog).getByLabelText("Roll back to");
    await user.click(box);
    const popup = await findSelectPopup(box);
    const options = [...popup.querySelectorAll(".ant-select-item-option")].map((o) => o.textContent);
    // The failed revision 3 is not offered.
    expect(options).toHaveLength(2);
    expect(options.join()).not.toContain("Revision 3");
    await user.click(within(popup).getByTitle(/^Revision 2 · /));
    expect(await within(dialog).findByTestId("rollback-effect")).toHaveTextContent(
      "Traffic: Revision 1 90% / Revision 2 10% → Revision 2 100%",
    );
    await user.click(within(dialog).getByRole("button", { name: "Roll back" }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(2, []));
    expect(requests.find((r) => r.method === "POST")?.body).toEqual({ revision_id: svcIds.rev2 });
  });
});

describe("traffic editor with a failed revision carrying traffic", () => {
  it("starts that revision at 0 so the rest can be normalized to 100", { timeout: 60_000 }, async () => {
    const failedWithTraffic = threeRevisionService();
    const rev1 = failedWithTraffic.revisions[0]!;
    failedWithTraffic.revisions[0] = { ...rev1, current_state: "failed", failure_reason: "exited 3 times" };
    fakeApi({});
    const { user } = renderUi(
      <TrafficEditorDialog service={failedWithTraffic} open onClose={() => {}} onDone={() => {}} />,
    );
    await findDialog("Edit traffic of chat-assistant");
    expect(weightOf(1)).toBeDisabled();
    expect(weightOf(1)).toHaveValue("0");
    expect(screen.getByTestId("traffic-sum")).toHaveTextContent("Sum: 10%");
    await user.click(screen.getByRole("button", { name: "Normalize" }));
    await waitFor(() => expect(weightOf(2)).toHaveValue("100"));
    expect(screen.getByRole("button", { name: "Next: confirm" })).toBeEnabled();
  });
});
