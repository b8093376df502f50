import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderUi } from "../../test/render";
import { DiffViewer } from "./diff-viewer";
import { jsonDiff } from "./json-diff";

describe("jsonDiff", () => {
  it("finds added, removed and changed leaves, nested and in arrays", () => {
    const entries = jsonDiff(
      { role: "viewer", name: "a", tags: ["x"], limits: { rpm: 10 } },
      { role: "owner", name: "a", tags: ["x", "y"], limits: {}, note: "hi" },
    ).filter((e) => e.kind !== "unchanged");
    expect(entries).toEqual([
      { path: "limits.rpm", kind: "removed", before: 10 },
      { path: "note", kind: "added", after: "hi" },
      { path: "role", kind: "changed", before: "viewer", after: "owner" },
      { path: "tags[1]", kind: "added", after: "y" },
    ]);
  });

  it("treats a created resource as all added", () => {
    expect(jsonDiff(null, { a: 1 })).toEqual([{ path: "a", kind: "added", after: 1 }]);
  });
});

describe("DiffViewer", () => {
  it("highlights the changed fields and hides unchanged ones until asked", async () => {
    const { user } = renderUi(
      <DiffViewer before={{ role: "viewer", email: "a@x.io" }} after={{ role: "owner", email: "a@x.io" }} />,
    );
    const changed = screen.getByRole("row", { name: "Changed role" });
    expect(changed).toHaveAttribute("data-kind", "changed");
    expect(within(changed).getByText('"viewer"')).toBeInTheDocument();
    expect(within(changed).getByText('"owner"')).toBeInTheDocument();
    expect(screen.getByText("1 changed")).toBeInTheDocument();
    expect(screen.queryByRole("row", { name: "Unchanged email" })).not.toBeInTheDocument();

    await user.click(screen.getByRole("switch", { name: "Show unchanged fields" }));
    expect(screen.getByRole("row", { name: "Unchanged email" })).toBeInTheDocument();
  });

  it("says so when nothing changed", () => {
    renderUi(<DiffViewer before={{ a: 1 }} after={{ a: 1 }} />, { lang: "zh-CN" });
    expect(screen.getByText("没有变更")).toBeInTheDocument();
  });
});
