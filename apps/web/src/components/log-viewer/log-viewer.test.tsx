import { act, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { renderUi } from "../../test/render";
import type { LogLine, LogSource } from "./log-types";
import { LogViewer } from "./log-viewer";

const line = (id: string, level: LogLine["level"], message: string): LogLine => ({
  id,
  ts: "2025-01-02T03:04:05Z",
  level,
  message,
});

function source() {
  let push: (lines: LogLine[]) => void = () => {};
  const src: LogSource = {
    load: vi.fn(async () => [line("1", "info", "server started"), line("2", "error", "CUDA out of memory")]),
    subscribe: (_q, onLines) => {
      push = onLines;
      return () => {
        push = () => {};
      };
    },
  };
  return { src, push: (lines: LogLine[]) => act(() => push(lines)) };
}

describe("LogViewer", () => {
  it("shows lines in the chosen time zone and filters by level and keyword", async () => {
    const { src } = source();
    const { user } = renderUi(<LogViewer source={src} queryKey={["logs"]} />, { timeZone: "Asia/Tokyo" });
    expect(await screen.findByText("server started")).toBeInTheDocument();
    expect(screen.getAllByText("2025-01-02 12:04:05")).toHaveLength(2);

    await user.click(screen.getByRole("combobox", { name: "Level" }));
    await user.click(await screen.findByTitle("ERROR"));
    await waitFor(() => expect(screen.queryByText("server started")).not.toBeInTheDocument());
    expect(screen.getByText("CUDA out of memory")).toBeInTheDocument();
    expect(src.load).toHaveBeenLastCalledWith(expect.objectContaining({ level: "error" }));

    await user.click(screen.getByRole("combobox", { name: "Level" }));
    await user.click(await screen.findByTitle("All levels"));
    await user.type(screen.getByRole("searchbox", { name: "Search keyword" }), "memory{Enter}");
    await waitFor(() => expect(screen.queryByText("server started")).not.toBeInTheDocument());
    expect(screen.getByText("memory", { selector: "mark" })).toBeInTheDocument();
  });

  it("streams live lines, holds them while paused, and shows them on resume", async () => {
    const { src, push } = source();
    const { user } = renderUi(<LogViewer source={src} queryKey={["logs"]} />);
    await screen.findByText("server started");
    await user.click(screen.getByRole("switch", { name: "Live" }));
    push([line("3", "info", "request 1 done")]);
    expect(await screen.findByText("request 1 done")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: /Pause/ }));
    push([line("4", "info", "request 2 done"), line("5", "warn", "slow request")]);
    expect(screen.queryByText("request 2 done")).not.toBeInTheDocument();
    const resume = screen.getByRole("button", { name: /Resume \(2 new lines\)/ });
    await user.click(resume);
    expect(await screen.findByText("request 2 done")).toBeInTheDocument();
    expect(screen.getByText("slow request")).toBeInTheDocument();
  });

  it("copies one line and downloads the visible lines", async () => {
    const { src } = source();
    const created: Blob[] = [];
    const spy = vi.spyOn(URL, "createObjectURL").mockImplementation((b) => {
      created.push(b as Blob);
      return "blob:x";
    });
    const { user } = renderUi(<LogViewer source={src} queryKey={["logs"]} filename="svc.log" />);
    await screen.findByText("server started");
    await user.click(screen.getAllByRole("button", { name: "Copy line" })[1] as HTMLElement);
    expect(await navigator.clipboard.readText()).toBe("2025-01-02 03:04:05 ERROR CUDA out of memory");

    await user.click(screen.getByRole("button", { name: /Download/ }));
    expect(created).toHaveLength(1);
    expect(await created[0]?.text()).toBe(
      "2025-01-02 03:04:05 INFO server started\n2025-01-02 03:04:05 ERROR CUDA out of memory\n",
    );
    spy.mockRestore();
  });
});
