import { screen, within } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { findSelectPopup } from "../../../test/dialogs";
import { renderUi } from "../../../test/render";
import { type MappingRow, toMapping } from "../shape-fields";
import type { DatasetShape } from "../types";
import { MappingEditor } from "./mapping-editor";

/** The editor with its lines held like the wizard holds them; `seen` gets every change. */
function Harness({
  initial,
  shape,
  seen,
}: {
  initial: MappingRow[];
  shape: DatasetShape | null;
  seen: (rows: MappingRow[]) => void;
}) {
  const [rows, setRows] = useState(initial);
  return (
    <MappingEditor
      rows={rows}
      columns={["question", "answer", "source"]}
      shape={shape}
      onChange={(r) => {
        setRows(r);
        seen(r);
      }}
    />
  );
}

/** The options of a select (its popup, found from the list the combobox controls). */
const dropdownOf = (combobox: HTMLElement) => findSelectPopup(combobox);

describe("column mapping editor", () => {
  it("maps a shape's fields onto the files' columns, one line at a time", { timeout: 30_000 }, async () => {
    const seen = vi.fn();
    const { user } = renderUi(<Harness initial={[]} shape="prompt_completion" seen={seen} />);
    expect(await screen.findByText("No mapping")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: /Add a mapping/ }));
    await user.click(screen.getByRole("combobox", { name: "Target field of mapping 1" }));
    // The targets are the shape's fields.
    expect(await screen.findByTitle("completion")).toBeInTheDocument();
    expect(screen.queryByTitle("instruction")).not.toBeInTheDocument();
    await user.click(await screen.findByTitle("prompt"));
    await user.click(screen.getByRole("combobox", { name: "Source column of mapping 1" }));
    await user.click(await screen.findByTitle("question"));
    expect(toMapping(seen.mock.lastCall![0])).toEqual({ prompt: "question" });

    await user.click(screen.getByRole("button", { name: /Add a mapping/ }));
    const second = screen.getByRole("combobox", { name: "Target field of mapping 2" });
    await user.click(second);
    // A target already mapped is not offered again.
    const open = await dropdownOf(second);
    expect(within(open).queryByTitle("prompt")).not.toBeInTheDocument();
    expect(within(open).getByTitle("completion")).toBeInTheDocument();
    await user.click(within(open).getByTitle("completion"));
    const source = screen.getByRole("combobox", { name: "Source column of mapping 2" });
    await user.click(source);
    expect(within(await dropdownOf(source)).queryByTitle("question")).not.toBeInTheDocument();
    await user.click(within(await dropdownOf(source)).getByTitle("answer"));
    expect(toMapping(seen.mock.lastCall![0])).toEqual({ prompt: "question", completion: "answer" });

    await user.click(screen.getByRole("button", { name: "Remove mapping 1" }));
    expect(toMapping(seen.mock.lastCall![0])).toEqual({ completion: "answer" });
    expect(screen.getAllByTestId("mapping-row")).toHaveLength(1);
  });

  it("shows a saved mapping, even a column the files do not list, and every shape's fields before a shape is chosen", {
    timeout: 30_000,
  }, async () => {
    const { user } = renderUi(
      <Harness initial={[{ target: "text", source: "body" }]} shape={null} seen={() => {}} />,
      { lang: "zh-CN" },
    );
    expect(await screen.findByRole("combobox", { name: "第 1 条映射的目标字段" })).toBeInTheDocument();
    expect(screen.getByTitle("body")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: /添加映射/ }));
    await user.click(screen.getByRole("combobox", { name: "第 2 条映射的目标字段" }));
    expect(await screen.findByTitle("instruction")).toBeInTheDocument();
    expect(screen.getByTitle("conversations")).toBeInTheDocument();
  });
});
