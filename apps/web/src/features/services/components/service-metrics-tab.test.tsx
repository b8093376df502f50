import type {
  ServiceGatewayMetrics,
  ServiceGatewayMetricsPoint,
  ServiceMetrics,
  ServiceMetricsPoint,
} from "@infera/contracts";
import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { fakeApi } from "../../../test/fake-api";
import { renderUi } from "../../../test/render";
import { GATEWAY_CHARTS, SERVICE_CHARTS, serviceChartOption } from "./service-metric-charts";
import { ServiceMetricsTab } from "./service-metrics-tab";

const REV1 = "rev_0000000000000000000000000a";
const REV2 = "rev_0000000000000000000000000b";
const revisions = [
  { id: REV1, number: 1 },
  { id: REV2, number: 2 },
];

function point(time: string, over: Partial<ServiceMetricsPoint> = {}): ServiceMetricsPoint {
  return {
    time,
    requests: 60,
    qps: 1,
    errors: 0,
    success_rate: 1,
    latency_p50_ms: 120,
    latency_p95_ms: 300,
    latency_p99_ms: 480,
    ttft_p50_ms: 40,
    ttft_p95_ms: 90,
    tpot_p50_ms: 12,
    tpot_p95_ms: 20,
    prompt_tokens_per_second: 30,
    generated_tokens_per_second: 80,
    in_flight: 1,
    cold_starts: 0,
    cold_start_ms: null,
    cpu_percent: 95,
    memory_bytes: 400 * 1024 * 1024,
    gpu_memory_bytes: null,
    gpu_utilization_percent: null,
    replicas: 1,
    ...over,
  };
}

function metrics(window: string, series: ServiceMetrics["series"]): ServiceMetrics {
  return {
    window: window as ServiceMetrics["window"],
    bucket_seconds: window === "7d" ? 3600 : 60,
    from: "2026-12-04T09:00:00.000Z",
    to: "2026-12-04T10:00:00.000Z",
    series,
  };
}

const twoRevisions = [
  {
    revision_id: REV2,
    revision_number: 2,
    points: [
      point("2026-12-04T09:58:00.000Z"),
      point("2026-12-04T09:59:00.000Z", { errors: 3, success_rate: 0.95 }),
    ],
  },
  {
    revision_id: REV1,
    revision_number: 1,
    points: [point("2026-12-04T09:58:00.000Z", { cold_starts: 1, cold_start_ms: 2300 })],
  },
];

function gatewayPoint(
  time: string,
  over: Partial<ServiceGatewayMetricsPoint> = {},
): ServiceGatewayMetricsPoint {
  return {
    time,
    requests: 20,
    requests_per_minute: 20,
    errors_4xx: 1,
    errors_5xx: 2,
    error_rate_4xx: 0.05,
    error_rate_5xx: 0.1,
    latency_p50_ms: 150,
    latency_p95_ms: 420,
    prompt_tokens: 400,
    completion_tokens: 200,
    tokens_per_minute: 600,
    ...over,
  };
}

function gatewayMetrics(window: string, series: ServiceGatewayMetrics["series"]): ServiceGatewayMetrics {
  return { ...metrics(window, []), series };
}

const gatewayTwoRevisions = [
  { revision_id: REV2, revision_number: 2, points: [gatewayPoint("2026-12-04T09:58:00.000Z")] },
  {
    revision_id: REV1,
    revision_number: 1,
    points: [gatewayPoint("2026-12-04T09:59:00.000Z", { latency_p95_ms: 900 })],
  },
];

describe("ServiceMetricsTab", () => {
  it("draws the serving charts per revision, switches window, overlays two revisions and exports CSV", async () => {
    const { requests } = fakeApi({
      "GET /api/v1/services/svc_1/metrics": (req) => {
        if (req.query.get("format") === "csv")
          return {
            text: "revision_id,time,requests\r\nrev,2026-12-04T09:58:00.000Z,60\r\n",
            headers: { "content-type": "text/csv" },
          };
        return { body: { data: metrics(req.query.get("window") ?? "1h", twoRevisions) } };
      },
      "GET /api/v1/services/svc_1/gateway-metrics": (req) => ({
        body: { data: gatewayMetrics(req.query.get("window") ?? "1h", gatewayTwoRevisions) },
      }),
    });
    const { user } = renderUi(
      <ServiceMetricsTab tenantId="ten_1" projectId="proj_1" serviceId="svc_1" revisions={revisions} />,
    );
    for (const name of [
      "QPS",
      "Success rate",
      "Request latency",
      "Time to first token (TTFT)",
      "Time per output token (TPOT)",
      "Tokens per second",
      "In-flight requests",
      "Cold starts",
      "CPU",
      "Memory",
    ])
      expect(await screen.findByRole("img", { name })).toBeInTheDocument();
    // What the gateway measured, per revision, over the same window and revisions.
    for (const name of ["Requests per minute", "Error rate", "Gateway latency", "Tokens per minute"])
      expect(await screen.findByRole("img", { name })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Measured at the gateway" })).toBeInTheDocument();
    // No GPU on this node: no empty GPU chart.
    expect(screen.queryByRole("img", { name: "GPU utilization" })).toBeNull();
    expect(requests[0]!.query.get("window")).toBe("1h");
    expect(requests[0]!.query.get("revision")).toBeNull();

    await user.click(screen.getByRole("radio", { name: "7 days" }));
    await waitFor(() => expect(requests.at(-1)!.query.get("window")).toBe("7d"));

    await user.click(screen.getByRole("combobox", { name: "Revisions" }));
    await user.click(await screen.findByTitle("Revision 2"));
    await user.click(await screen.findByTitle("Revision 1"));
    await waitFor(() => expect(requests.at(-1)!.query.get("revision")).toBe(`${REV2},${REV1}`));
    const lastGateway = requests.filter((r) => r.path.endsWith("/gateway-metrics")).at(-1)!;
    expect(lastGateway.query.get("window")).toBe("7d");
    expect(lastGateway.query.get("revision")).toBe(`${REV2},${REV1}`);

    const created: Blob[] = [];
    const spy = vi.spyOn(URL, "createObjectURL").mockImplementation((b) => {
      created.push(b as Blob);
      return "blob:x";
    });
    await user.click(screen.getByRole("button", { name: /Export CSV/ }));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(await created[0]!.text()).toMatch(/^revision_id,time,requests/);
    const csvRequest = requests.find((r) => r.query.get("format") === "csv")!;
    expect(csvRequest.query.get("window")).toBe("7d");
    expect(csvRequest.query.get("revision")).toBe(`${REV2},${REV1}`);
    spy.mockRestore();
  }, 60_000);

  it("says so when the window has no metrics and no calls through the gateway", async () => {
    fakeApi({
      "GET /api/v1/services/svc_1/metrics": () => ({ body: { data: metrics("1h", []) } }),
      "GET /api/v1/services/svc_1/gateway-metrics": () => ({ body: { data: gatewayMetrics("1h", []) } }),
    });
    renderUi(
      <ServiceMetricsTab tenantId="ten_1" projectId="proj_1" serviceId="svc_1" revisions={revisions} />,
    );
    const empty = await screen.findByText("No metrics in this window");
    expect(empty).toBeInTheDocument();
    expect(screen.getByText(/scraped once a minute/)).toBeInTheDocument();
    expect(screen.queryByRole("img", { name: "QPS" })).toBeNull();
    expect(await screen.findByText("No calls through the gateway in this window")).toBeInTheDocument();
    expect(screen.queryByRole("img", { name: "Gateway latency" })).toBeNull();
  });

  it("shows the gateway's charts when only the gateway has figures, in Chinese too", async () => {
    fakeApi({
      "GET /api/v1/services/svc_1/metrics": () => ({ body: { data: metrics("1h", []) } }),
      "GET /api/v1/services/svc_1/gateway-metrics": () => ({
        body: { data: gatewayMetrics("1h", gatewayTwoRevisions) },
      }),
    });
    renderUi(
      <ServiceMetricsTab tenantId="ten_1" projectId="proj_1" serviceId="svc_1" revisions={revisions} />,
      { lang: "zh-CN" },
    );
    expect(await screen.findByRole("img", { name: "网关延迟" })).toBeInTheDocument();
    expect(screen.getByRole("img", { name: "错误率" })).toBeInTheDocument();
    expect(screen.getByText("该时间范围内暂无指标")).toBeInTheDocument();
  });

  it("draws the gateway's 4xx and 5xx rates and p50/p95 as one line per revision and field", () => {
    const names = { field: (f: string) => f, revision: (n: number) => `r${n}` };
    const errors = GATEWAY_CHARTS.find((c) => c.key === "errors")!;
    const option = serviceChartOption(errors, gatewayMetrics("1h", gatewayTwoRevisions), names) as {
      series: { name: string; data: [number, number | null][] }[];
    };
    expect(option.series.map((s) => s.name)).toEqual([
      "r2 · error_rate_4xx",
      "r2 · error_rate_5xx",
      "r1 · error_rate_4xx",
      "r1 · error_rate_5xx",
    ]);
    expect(option.series[1]!.data).toEqual([[Date.parse("2026-12-04T09:58:00.000Z"), 0.1]]);
    const latency = GATEWAY_CHARTS.find((c) => c.key === "latency")!;
    const lat = serviceChartOption(latency, gatewayMetrics("1h", gatewayTwoRevisions), names) as {
      series: { name: string; data: [number, number | null][] }[];
    };
    expect(lat.series.find((s) => s.name === "r1 · latency_p95_ms")!.data).toEqual([
      [Date.parse("2026-12-04T09:59:00.000Z"), 900],
    ]);
    // No calls at all: no chart.
    expect(serviceChartOption(latency, gatewayMetrics("1h", []), names)).toBeNull();
  });

  it("overlays revisions as one line per revision and field, colour by revision", () => {
    const latency = SERVICE_CHARTS.find((c) => c.key === "latency")!;
    const option = serviceChartOption(latency, metrics("1h", twoRevisions), {
      field: (f) => f,
      revision: (n) => `r${n}`,
    }) as { series: { name: string; color: string; data: [number, number | null][] }[] };
    expect(option.series.map((s) => s.name)).toEqual([
      "r2 · latency_p50_ms",
      "r2 · latency_p95_ms",
      "r2 · latency_p99_ms",
      "r1 · latency_p50_ms",
      "r1 · latency_p95_ms",
      "r1 · latency_p99_ms",
    ]);
    expect(option.series[0]!.color).not.toBe(option.series[3]!.color);
    expect(option.series[0]!.data).toEqual([
      [Date.parse("2026-12-04T09:58:00.000Z"), 120],
      [Date.parse("2026-12-04T09:59:00.000Z"), 120],
    ]);
  });
});
