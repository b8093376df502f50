import { InferaApiError } from "@infera/client";
import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { renderUi } from "../../test/render";
import { ConfirmDialog } from "./confirm-dialog";
import { CopySecretOnceDialog } from "./copy-secret-once-dialog";
import { DangerConfirmDialog } from "./danger-confirm-dialog";
import { ReviewChangesDialog } from "./review-changes-dialog";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("ConfirmDialog", () => {
  it("submits once however often the button is clicked, and shows the server's error", async () => {
    const gate = deferred();
    const onConfirm = vi.fn(() =>
      gate.promise.then(() => {
        throw new InferaApiError({
          status: 409,
          code: "conflict",
          message: "name already taken",
          requestId: "req_1",
        });
      }),
    );
    const { user } = renderUi(
      <ConfirmDialog open title="Remove member?" onConfirm={onConfirm} onCancel={() => {}} />,
    );
    const ok = screen.getByRole("button", { name: "Confirm" });
    await user.click(ok);
    await user.click(ok);
    await user.dblClick(ok);
    gate.resolve();
    expect(await screen.findByText("name already taken")).toBeInTheDocument();
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });
});

describe("DangerConfirmDialog", () => {
  it("enables delete only after the exact name is typed", async () => {
    const onConfirm = vi.fn();
    const { user } = renderUi(
      <DangerConfirmDialog
        open
        title="Delete project"
        confirmName="billing-prod"
        onConfirm={onConfirm}
        onCancel={() => {}}
      />,
    );
    const del = screen.getByRole("button", { name: "Delete" });
    expect(del).toBeDisabled();
    await user.type(screen.getByLabelText("Type the name to confirm"), "billing-pro");
    expect(del).toBeDisabled();
    await user.click(del);
    expect(onConfirm).not.toHaveBeenCalled();
    await user.type(screen.getByLabelText("Type the name to confirm"), "d");
    expect(del).toBeEnabled();
    await user.click(del);
    await waitFor(() => expect(onConfirm).toHaveBeenCalledTimes(1));
  });
});

describe("ReviewChangesDialog", () => {
  it("shows the summary and the diff before applying", async () => {
    const onConfirm = vi.fn();
    const { user } = renderUi(
      <ReviewChangesDialog
        open
        title="Review policy"
        summary={[{ label: "Budget action", value: "alert → block" }]}
        before={{ action: "alert" }}
        after={{ action: "block" }}
        onConfirm={onConfirm}
        onCancel={() => {}}
      />,
    );
    expect(screen.getByText("alert → block")).toBeInTheDocument();
    expect(screen.getByRole("row", { name: "Changed action" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Apply changes" }));
    await waitFor(() => expect(onConfirm).toHaveBeenCalledTimes(1));
  });
});

describe("CopySecretOnceDialog", () => {
  it("cannot be closed until 'I have saved it' is ticked", async () => {
    const onDone = vi.fn();
    const { user } = renderUi(
      <CopySecretOnceDialog open title="Token" secret="sat_secret_value" onDone={onDone} />,
    );
    expect(screen.getByLabelText("Secret")).toHaveValue("sat_secret_value");
    expect(screen.queryByRole("button", { name: /close/i })).not.toBeInTheDocument();
    await user.keyboard("{Escape}");
    expect(screen.getByLabelText("Secret")).toBeInTheDocument();

    const done = screen.getByRole("button", { name: "Done" });
    expect(done).toBeDisabled();
    await user.click(screen.getByRole("button", { name: "Copy" }));
    expect(await navigator.clipboard.readText()).toBe("sat_secret_value");
    expect(done).toBeDisabled();
    await user.click(screen.getByRole("checkbox", { name: "I have saved it" }));
    expect(done).toBeEnabled();
    await user.click(done);
    expect(onDone).toHaveBeenCalledTimes(1);
  });
});
