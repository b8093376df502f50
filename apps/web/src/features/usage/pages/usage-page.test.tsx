import type { UsageReport } from "@infera/contracts";
import { screen, waitFor, within } from "@testing-library/react";
import type userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { findSelectPopup } from "../../../test/dialogs";
import { apiError, fakeApi, type RecordedRequest } from "../../../test/fake-api";
import { renderUi } from "../../../test/render";
import { emptyReport, groupRow, ids, serviceReport } from "../test/fixtures";
import { UsagePage } from "./usage-page";

const path = "/t/:tenantId/p/:projectId/usage";
const at = (search = "") => ({ route: `/t/ten_1/p/proj_1/usage${search}`, path });
const USAGE = "GET /api/v1/projects/proj_1/usage";
const HOUR = 3_600_000;

/** The report's requests for the page itself (the filters' option lists ask with their own grouping). */
const reportRequests = (requests: RecordedRequest[]) =>
  requests.filter((r) => r.path === "/api/v1/projects/proj_1/usage");
const lastReport = (requests: RecordedRequest[]) => reportRequests(requests).at(-1) as RecordedRequest;

async function pick(user: ReturnType<typeof userEvent.setup>, combobox: string, option: string) {
  const box = screen.getByRole("combobox", { name: combobox });
  await user.click(box);
  await user.click(await within(await findSelectPopup(box)).findByTitle(option));
}

const rowOf = (label: string) =>
  [...document.querySelectorAll<HTMLElement>("tr[data-row-key]")].find(
    (tr) => tr.querySelector("td")?.textContent === label,
  ) as HTMLElement;

/** Answers the page's report with `report`, and a grouping's options with a report grouped by it. */
function answer(report: (req: RecordedRequest) => UsageReport | { status: number; body: unknown }) {
  return fakeApi({
    [USAGE]: (req) => {
      const r = report(req);
      return "status" in r && typeof r.status === "number" && !("totals" in r)
        ? (r as { status: number; body: unknown })
        : { body: { data: r } };
    },
  });
}

describe("UsagePage", () => {
  it("shows the totals' cards, the charts and the grouped table of the last 24 hours", {
    timeout: 60_000,
  }, async () => {
    const { requests } = answer(() => serviceReport());
    const { user } = renderUi(<UsagePage />, at());
    expect(await screen.findByText("20,345")).toBeInTheDocument();
    const card = (key: string) => document.querySelector(`[data-usage-card=${key}]`) as HTMLElement;
    expect(card("tokens")).toHaveTextContent("Prompt 12,000 · completion 8,345");
    expect(card("latency")).toHaveTextContent("212 ms");
    expect(card("latency")).toHaveTextContent("p95 950 ms");
    expect(card("success")).toHaveTextContent("95%");
    expect(card("success")).toHaveTextContent("40 requests · 2 errors");
    expect(card("cost")).toHaveTextContent("Estimated cost (USD)");
    expect(card("cost")).toHaveTextContent("$1.2345");
    // 40 calls, 34 priced: the 6 others are said, on the card and in the tooltip that explains the estimate.
    expect(card("cost")).toHaveTextContent("Calls without a price: 6 (counted at no cost)");
    await user.hover(screen.getByRole("img", { name: "How cost is estimated" }));
    const tip = await screen.findByRole("tooltip");
    expect(tip).toHaveTextContent("per million tokens, from the tenant's price table");
    expect(tip).toHaveTextContent("hourly price of the revision's resource class × the call's duration");
    expect(tip).toHaveTextContent("6 in this range");

    for (const title of ["Tokens over time", "Cost over time", "Requests over time", "Status codes"])
      expect(screen.getByRole("img", { name: title })).toBeInTheDocument();

    const chat = rowOf("chat-assistant");
    expect([...chat.querySelectorAll("td")].map((td) => td.textContent)).toEqual([
      "chat-assistant",
      "30",
      "18,000",
      "240 ms",
      "990 ms",
      "6.67%",
      "$1.20",
      "Service metrics",
    ]);
    // Drill-down: a service opens its Metrics tab.
    expect(within(chat).getByRole("link", { name: "Service metrics of chat-assistant" })).toHaveAttribute(
      "href",
      `/t/ten_1/p/proj_1/services/${ids.chat}?tab=metrics`,
    );

    // The default view: a day ending now, by service, hourly, no filters.
    const sent = lastReport(requests).query;
    expect(sent.get("group_by")).toBe("service");
    expect(sent.get("granularity")).toBe("hour");
    const span = Date.parse(sent.get("to") ?? "") - Date.parse(sent.get("from") ?? "");
    expect(span).toBe(24 * HOUR);
    expect(Math.abs(Date.parse(sent.get("to") ?? "") - Date.now())).toBeLessThan(60_000);
    expect(sent.get("service_id")).toBeNull();
  });

  it("sorts the table by a figure", { timeout: 60_000 }, async () => {
    answer(() => serviceReport());
    const { user } = renderUi(<UsagePage />, at());
    await screen.findByText("chat-assistant", { selector: "td" });
    const labels = () =>
      [...document.querySelectorAll("tr[data-row-key] td:first-child")].map((td) => td.textContent);
    // Most requests first, as the report orders them.
    expect(labels()).toEqual(["chat-assistant", "embedder"]);
    // p95 latency, lowest first.
    await user.click(screen.getByRole("columnheader", { name: /p95 latency/ }));
    await waitFor(() => expect(labels()).toEqual(["embedder", "chat-assistant"]));
  });

  it("switching the grouping asks the report again, keeps it in the URL, and a key row opens the key", {
    timeout: 60_000,
  }, async () => {
    const { requests } = answer((req) =>
      req.query.get("group_by") === "api_key"
        ? serviceReport({
            group_by: "api_key",
            groups: [
              groupRow(ids.key, "ci-bot", { requests: 25 }),
              groupRow(null, "Playground", { requests: 15 }),
            ],
          })
        : serviceReport(),
    );
    const { user, router } = renderUi(<UsagePage />, at());
    await screen.findByText("chat-assistant", { selector: "td" });
    await pick(user, "Group by", "API key");
    expect(await screen.findByText("ci-bot", { selector: "td" })).toBeInTheDocument();
    expect(lastReport(requests).query.get("group_by")).toBe("api_key");
    expect(router.state.location.search).toBe("?group_by=api_key");
    expect(screen.queryByText("chat-assistant", { selector: "td" })).not.toBeInTheDocument();
    // The grouped column is named after the grouping; a key drills down to its Usage tab.
    expect(screen.getByRole("columnheader", { name: "API key" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Key usage of ci-bot" })).toHaveAttribute(
      "href",
      `/t/ten_1/p/proj_1/api-keys/${ids.key}?tab=usage`,
    );
    // Calls without a key (the playground) have nothing to open.
    expect(within(rowOf("Playground")).queryByRole("link")).not.toBeInTheDocument();
  });

  it("reads the range, grouping and filters from the URL, and the CSV link exports exactly that view", {
    timeout: 60_000,
  }, async () => {
    const { requests } = answer(() => serviceReport({ group_by: "revision", granularity: "day" }));
    renderUi(
      <UsagePage />,
      at(
        `?range=7d&group_by=revision&granularity=day&service_id=${ids.chat}&status_class=5xx&api_key_id=${ids.key}`,
      ),
    );
    await screen.findByText("20,345");
    const sent = lastReport(requests).query;
    expect(Object.fromEntries([...sent].filter(([k]) => k !== "from" && k !== "to"))).toEqual({
      group_by: "revision",
      granularity: "day",
      service_id: ids.chat,
      api_key_id: ids.key,
      status_class: "5xx",
    });
    expect(Date.parse(sent.get("to") ?? "") - Date.parse(sent.get("from") ?? "")).toBe(7 * 24 * HOUR);
    // The set filters show their values (their option lists are loaded to label them).
    expect(screen.getByRole("combobox", { name: "Status class" }).closest(".ant-select")).toHaveTextContent(
      "5xx",
    );
    await waitFor(() =>
      expect(requests.some((r) => r.query.get("group_by") === "service" && !r.query.get("service_id"))).toBe(
        true,
      ),
    );
    await waitFor(() =>
      expect(screen.getByRole("combobox", { name: "Service" }).closest(".ant-select")).toHaveTextContent(
        "chat-assistant",
      ),
    );

    const csv = new URL(
      (document.querySelector("[data-usage-csv]") as HTMLAnchorElement).getAttribute("href") ?? "",
      "http://localhost",
    );
    expect(csv.pathname).toBe("/api/v1/projects/proj_1/usage");
    expect(Object.fromEntries(csv.searchParams)).toEqual({ ...Object.fromEntries(sent), format: "csv" });
  });

  it("a filter picked goes to the URL and the report; clearing them drops them", {
    timeout: 60_000,
  }, async () => {
    const { requests } = answer(() => serviceReport());
    const { user, router } = renderUi(<UsagePage />, at("?range=30d"));
    await screen.findByText("20,345");
    // Thirty days read by day unless asked otherwise.
    expect(lastReport(requests).query.get("granularity")).toBe("day");
    await pick(user, "Status class", "4xx");
    await waitFor(() => expect(lastReport(requests).query.get("status_class")).toBe("4xx"));
    expect(new URLSearchParams(router.state.location.search).get("status_class")).toBe("4xx");
    expect(new URLSearchParams(router.state.location.search).get("range")).toBe("30d");
    await user.click(screen.getByRole("button", { name: "Clear filters" }));
    await waitFor(() => expect(router.state.location.search).toBe("?range=30d"));
    expect(lastReport(requests).query.get("status_class")).toBeNull();
  });

  it("a revision or status code row narrows the view to itself", { timeout: 60_000 }, async () => {
    answer((req) =>
      req.query.get("group_by") === "status_code"
        ? serviceReport({
            group_by: "status_code",
            groups: [groupRow("200", "200", { requests: 38 }), groupRow("429", "429", { requests: 2 })],
          })
        : serviceReport({
            group_by: "revision",
            groups: [groupRow(ids.revision, "chat-assistant · r3")],
          }),
    );
    const { user, router } = renderUi(<UsagePage />, at("?group_by=revision"));
    await user.click(await screen.findByRole("button", { name: "Filter to chat-assistant · r3" }));
    await waitFor(() =>
      expect(new URLSearchParams(router.state.location.search).get("revision_id")).toBe(ids.revision),
    );
    await router.navigate("/t/ten_1/p/proj_1/usage?group_by=status_code");
    await user.click(await screen.findByRole("button", { name: "Filter to 429" }));
    await waitFor(() =>
      expect(new URLSearchParams(router.state.location.search).get("status_class")).toBe("4xx"),
    );
  });

  it("without calls says how to make one and links to API keys", { timeout: 60_000 }, async () => {
    answer(() => emptyReport());
    renderUi(<UsagePage />, at());
    expect(await screen.findByText("No calls yet")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: /Go to API keys/ })).toHaveAttribute(
      "href",
      "/t/ten_1/p/proj_1/api-keys",
    );
    expect(document.querySelector("pre")).toHaveTextContent("/v1/chat/completions");
    expect(document.querySelector("[data-usage-card]")).toBeNull();
  });

  it("with filters that match nothing offers to clear them", { timeout: 60_000 }, async () => {
    answer(() => emptyReport());
    const { user, router } = renderUi(<UsagePage />, at("?status_class=5xx"));
    expect(await screen.findByText("No calls match these filters")).toBeInTheDocument();
    const clear = screen.getAllByRole("button", { name: "Clear filters" });
    await user.click(clear.at(-1) as HTMLElement);
    await waitFor(() => expect(router.state.location.search).toBe(""));
  });

  it("shows the server's error with its request id and retries", { timeout: 60_000 }, async () => {
    let fail = true;
    fakeApi({
      [USAGE]: () =>
        fail
          ? apiError(403, "forbidden", "You may not read this project's usage.", "req_usage1")
          : { body: { data: serviceReport() } },
    });
    const { user } = renderUi(<UsagePage />, at());
    expect(await screen.findByText("You may not read this project's usage.")).toBeInTheDocument();
    await user.click(screen.getByText("Error details"));
    expect(await screen.findByText("req_usage1")).toBeInTheDocument();
    fail = false;
    await user.click(screen.getByRole("button", { name: /Retry/ }));
    expect(await screen.findByText("20,345")).toBeInTheDocument();
  });

  it("renders in Chinese", { timeout: 60_000 }, async () => {
    answer(() => serviceReport());
    renderUi(<UsagePage />, { ...at(), lang: "zh-CN" });
    expect(await screen.findByRole("heading", { name: "用量与成本" })).toBeInTheDocument();
    expect(await screen.findByText("总 tokens", { selector: ".ant-statistic-title" })).toBeInTheDocument();
    expect(screen.getByText("预估成本（USD）")).toBeInTheDocument();
    expect(screen.getByText("未定价的调用：6 次（不计成本）")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "服务指标：chat-assistant" })).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "分组" })).toBeInTheDocument();
  });
});
