import type { ServiceLogLine } from "@infera/contracts";
import { act, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeApi } from "../../../test/fake-api";
import { renderUi } from "../../../test/render";
import { ScriptedEventSource } from "../../../test/scripted-event-source";
import { ServiceLogsTab } from "./service-logs-tab";

const PATH = "GET /api/v1/services/svc_1/logs";
const line = (seq: number, level: ServiceLogLine["level"], message: string, rev = 1): ServiceLogLine => ({
  seq,
  replica_id: rev === 1 ? "rep_a" : "rep_b",
  revision_id: `rev_${rev}`,
  revision_number: rev,
  at: `2026-12-04T10:00:0${seq}.000Z`,
  level,
  message,
  line: JSON.stringify({ level, msg: message }),
});
const lines = [line(1, "info", "listening"), line(2, "info", "ready"), line(3, "error", "request failed", 2)];
const page = (data: ServiceLogLine[]) => ({
  body: { data, next_after: data.at(-1)?.seq ?? null, prev_before: null },
});
const props = {
  tenantId: "ten_1",
  projectId: "proj_1",
  serviceId: "svc_1",
  revisions: [
    { id: "rev_1", number: 1 },
    { id: "rev_2", number: 2 },
  ],
};
const rows = () =>
  [...document.querySelectorAll<HTMLElement>(".infera-service-log-line")].map((r) => ({
    seq: r.dataset.seq,
    level: r.dataset.level,
    text: r.querySelector(".message")?.textContent,
  }));

describe("ServiceLogsTab", () => {
  afterEach(() => {
    ScriptedEventSource.instances = [];
    vi.unstubAllGlobals();
  });

  it("shows the newest lines and sends every filter to the server, the download link included", async () => {
    const { requests } = fakeApi({
      [PATH]: (req) => {
        const level = req.query.get("level");
        const revision = req.query.get("revision");
        return page(
          lines.filter(
            (l) => (!level || l.level === "error") && (!revision || l.revision_number === Number(revision)),
          ),
        );
      },
    });
    const { user } = renderUi(<ServiceLogsTab {...props} />);
    await screen.findByText("3 lines loaded");
    expect(rows()).toEqual([
      { seq: "1", level: "info", text: "listening" },
      { seq: "2", level: "info", text: "ready" },
      { seq: "3", level: "error", text: "request failed" },
    ]);
    expect(requests[0]!.query.get("tail")).toBe("true");
    // The last hour by default.
    const since = Date.parse(requests[0]!.query.get("since")!);
    expect(Date.now() - since).toBeGreaterThan(3_500_000);
    expect(Date.now() - since).toBeLessThan(3_700_000);

    await user.click(screen.getByRole("combobox", { name: "Level" }));
    await user.click(await screen.findByTitle("WARN and above"));
    await screen.findByText("1 lines loaded");
    expect(requests.at(-1)!.query.get("level")).toBe("warn");

    await user.click(screen.getByRole("combobox", { name: "Revision" }));
    await user.click(await screen.findByTitle("r2"));
    await waitFor(() => expect(requests.at(-1)!.query.get("revision")).toBe("2"));

    await user.type(screen.getByRole("searchbox", { name: "Search the lines" }), "failed{Enter}");
    await waitFor(() => expect(requests.at(-1)!.query.get("q")).toBe("failed"));
    expect(document.querySelector(".infera-service-log-line mark")?.textContent).toBe("failed");

    const href = new URL(
      screen.getByRole("link", { name: /Download/ }).getAttribute("href")!,
      "http://localhost",
    );
    expect(href.pathname).toBe("/api/v1/services/svc_1/logs");
    expect(Object.fromEntries(href.searchParams)).toMatchObject({
      download: "true",
      level: "warn",
      revision: "2",
      q: "failed",
    });
  });

  it("follows new lines live from the last one loaded; Pause holds them back", async () => {
    vi.stubGlobal("EventSource", ScriptedEventSource);
    fakeApi({ [PATH]: () => page(lines) });
    const { user } = renderUi(<ServiceLogsTab {...props} />);
    await screen.findByText("3 lines loaded");
    await user.click(screen.getByRole("switch", { name: "Live" }));
    await waitFor(() => expect(ScriptedEventSource.instances).toHaveLength(1));
    const source = ScriptedEventSource.instances[0]!;
    expect(new URL(source.url, "http://localhost").searchParams.get("after")).toBe("3");
    expect(source.init).toEqual({ withCredentials: true });

    act(() => source.emit("log", line(4, "warn", "slow request"), "4"));
    await screen.findByText("slow request");
    // A repeat after a reconnect is dropped.
    act(() => source.emit("log", line(4, "warn", "slow request"), "4"));
    expect(rows().map((r) => r.seq)).toEqual(["1", "2", "3", "4"]);

    await user.click(screen.getByRole("button", { name: /Pause/ }));
    act(() => source.emit("log", line(5, "info", "held back"), "5"));
    await screen.findByRole("button", { name: /Resume \(1 new lines\)/ });
    expect(screen.queryByText("held back")).toBeNull();
    await user.click(screen.getByRole("button", { name: /Resume/ }));
    await screen.findByText("held back");

    await user.click(screen.getByRole("switch", { name: "Live" }));
    expect(source.closed).toBe(true);
  });

  it("explains the Prod policy when the server refuses a Viewer, naming it", async () => {
    fakeApi({
      [PATH]: () => ({
        status: 403,
        body: {
          error: {
            code: "forbidden",
            message: "viewers see no logs in this Prod project",
            details: { policy: "viewers_cannot_view_logs" },
            request_id: "req_1",
          },
        },
      }),
    });
    renderUi(<ServiceLogsTab {...props} />);
    expect(await screen.findByText("Viewers see no logs in this Prod project")).toBeInTheDocument();
    expect(screen.getByText(/viewers_cannot_view_logs is on/)).toBeInTheDocument();
    expect(screen.queryByRole("log")).toBeNull();
  });

  it("shows any other failure as an error with a retry", async () => {
    fakeApi({
      [PATH]: () => ({
        status: 403,
        body: { error: { code: "forbidden", message: "requires project role Owner", request_id: "req_2" } },
      }),
    });
    renderUi(<ServiceLogsTab {...props} />, { lang: "zh-CN" });
    expect(await screen.findByText("requires project role Owner")).toBeInTheDocument();
    expect(screen.queryByText("此 Prod 项目不向 Viewer 显示日志")).toBeNull();
  });
});
