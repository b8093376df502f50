import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { renderUi } from "../../test/render";
import { seriesToCsv } from "./metrics-csv";
import { chartOption, type MetricsData, MetricsPanel } from "./metrics-panel";
import type { TimeRange } from "./time-range";

const t0 = Date.UTC(2025, 0, 2, 3, 0, 0);
const data: MetricsData = {
  cards: [
    { key: "p95", label: "P95 latency", value: 182, unit: "ms" },
    { key: "tps", label: "Tokens/s", value: 41.5, unit: "tok/s", precision: 1 },
  ],
  charts: [
    {
      key: "latency",
      title: "Latency",
      unit: "ms",
      series: [
        {
          name: "p50",
          points: [
            [t0, 80],
            [t0 + 60_000, 90],
          ],
        },
        {
          name: "p95",
          points: [
            [t0, 170],
            [t0 + 60_000, null],
          ],
        },
      ],
    },
  ],
};

describe("MetricsPanel", () => {
  it("shows cards and charts, and reloads for another range", async () => {
    const load = vi.fn(async (_r: TimeRange) => data);
    const { user } = renderUi(<MetricsPanel queryKey={["m"]} load={load} />);
    expect(await screen.findByText("P95 latency")).toBeInTheDocument();
    expect(screen.getByText("182")).toBeInTheDocument();
    expect(screen.getByRole("img", { name: "Latency" })).toBeInTheDocument();
    const first = load.mock.calls[0]?.[0];
    expect(first?.preset).toBe("1h");
    expect((first?.to.getTime() ?? 0) - (first?.from.getTime() ?? 0)).toBe(3_600_000);

    await user.click(screen.getByText("7 days"));
    await waitFor(() => expect(load).toHaveBeenCalledTimes(2));
    const second = load.mock.calls[1]?.[0];
    expect(second?.preset).toBe("7d");
    expect((second?.to.getTime() ?? 0) - (second?.from.getTime() ?? 0)).toBe(7 * 24 * 3_600_000);
  });

  it("exports a chart's series as CSV with times in the chosen time zone", async () => {
    const created: Blob[] = [];
    const spy = vi.spyOn(URL, "createObjectURL").mockImplementation((b) => {
      created.push(b as Blob);
      return "blob:x";
    });
    const { user } = renderUi(<MetricsPanel queryKey={["m2"]} load={async () => data} />, {
      timeZone: "Asia/Shanghai",
    });
    await user.click(await screen.findByRole("button", { name: "Export Latency as CSV" }));
    expect(await created[0]?.text()).toBe(
      "time,p50,p95\r\n2025-01-02 11:00:00,80,170\r\n2025-01-02 11:01:00,90,\r\n",
    );
    spy.mockRestore();
  });

  it("configures hover values with units on a shared axis tooltip", () => {
    const option = chartOption(data.charts[0]!, String) as {
      tooltip: { trigger: string; valueFormatter: (v: unknown) => string };
      series: { name: string }[];
    };
    expect(option.tooltip.trigger).toBe("axis");
    expect(option.tooltip.valueFormatter(90)).toBe("90 ms");
    expect(option.tooltip.valueFormatter(null)).toBe("—");
    expect(option.series.map((s) => s.name)).toEqual(["p50", "p95"]);
    expect(seriesToCsv([], String)).toBe("time\r\n");
  });
});
