import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderUi } from "../../test/render";
import { IDBadge } from "./id-badge";
import { shortId } from "./short-id";

const id = "proj_01hx4k9v2m3n4p5q6r7s8t9v0w";

describe("IDBadge", () => {
  it("shows the short id, copies the full id, and reveals it in a popover", async () => {
    const { user } = renderUi(<IDBadge id={id} />);
    expect(screen.getByText("proj_01hx4k9v…")).toBeInTheDocument();
    expect(screen.queryByText(id)).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Copy ID proj_01hx4k9v…" }));
    await waitFor(async () => expect(await navigator.clipboard.readText()).toBe(id));
    expect(await screen.findByText("Copied")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Show full ID proj_01hx4k9v…" }));
    expect(await screen.findByTestId("full-id")).toHaveTextContent(id);
  });

  it("shortens prefixed ids and hashes differently", () => {
    expect(shortId("sha256:0123456789abcdef0123")).toBe("0123456789ab…");
    expect(shortId("mv_short")).toBe("mv_short");
  });
});
