import { screen, waitFor } from "@testing-library/react";
import { Button } from "antd";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { renderUi } from "../../test/render";
import { busyButton } from "./busy-button";

/** A submit button whose request the test answers: `answer` resolves the pending one. */
function Submit({ control }: { control: { answer?: () => void } }) {
  const [pending, setPending] = useState(false);
  const [tries, setTries] = useState(0);
  const submit = async () => {
    setPending(true);
    await new Promise<void>((resolve) => {
      control.answer = resolve;
    });
    setPending(false);
    setTries((n) => n + 1);
  };
  return (
    <>
      <Button type="primary" {...busyButton(pending)} onClick={() => void submit()}>
        Delete
      </Button>
      <output>{tries}</output>
    </>
  );
}

describe("busyButton", () => {
  it("disables at once, and a quick answer (a refusal) leaves no spinner in the button's name", async () => {
    const control: { answer?: () => void } = {};
    const { user } = renderUi(<Submit control={control} />);
    await user.click(screen.getByRole("button", { name: "Delete" }));
    expect(screen.getByRole("button", { name: "Delete" })).toBeDisabled();
    control.answer?.();
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("1"));
    expect(screen.getByRole("button", { name: "Delete" })).toBeEnabled();
    expect(document.querySelector(".ant-btn-loading-icon")).toBeNull();
  });

  it("shows the spinner for a slow answer", async () => {
    const control: { answer?: () => void } = {};
    const { user } = renderUi(<Submit control={control} />);
    await user.click(screen.getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(screen.getByRole("button")).toHaveClass("ant-btn-loading"), { timeout: 2000 });
    control.answer?.();
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("1"));
    await waitFor(() => expect(screen.getByRole("button")).not.toHaveClass("ant-btn-loading"));
  });
});
