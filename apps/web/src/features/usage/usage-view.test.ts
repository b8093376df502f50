import { describe, expect, it } from "vitest";
import { readView, reportQuery, statusClassOf, writeView } from "./usage-view";

describe("the usage page's view in the URL", () => {
  it("reads the defaults from an empty query and writes them back as nothing", () => {
    const view = readView(new URLSearchParams());
    expect(view).toEqual({ range: "24h", groupBy: "service", granularity: "hour", filters: {} });
    expect(writeView(view).toString()).toBe("");
  });

  it("round-trips a custom range, grouping, granularity and every filter", () => {
    const search =
      "range=custom&from=2026-12-01T00%3A00%3A00.000Z&to=2026-12-02T00%3A00%3A00.000Z&group_by=model_version&granularity=day&service_id=svc_1&revision_id=rev_1&api_key_id=key_1&model_version_id=mv_1&status_class=4xx";
    const view = readView(new URLSearchParams(search));
    expect(view.range).toBe("custom");
    expect(view.filters).toEqual({
      service_id: "svc_1",
      revision_id: "rev_1",
      api_key_id: "key_1",
      model_version_id: "mv_1",
      status_class: "4xx",
    });
    expect(readView(writeView(view))).toEqual(view);
    expect(reportQuery(view, Date.now())).toMatchObject({
      from: "2026-12-01T00:00:00.000Z",
      to: "2026-12-02T00:00:00.000Z",
      group_by: "model_version",
      granularity: "day",
    });
  });

  it("drops what it does not know: a bad grouping, a status class, a custom range without instants", () => {
    const view = readView(new URLSearchParams("range=custom&from=yesterday&group_by=color&status_class=3xx"));
    expect(view).toEqual({ range: "24h", groupBy: "service", granularity: "hour", filters: {} });
  });

  it("ends a preset range now and reads 30 days by day unless told", () => {
    const now = Date.parse("2026-12-04T10:00:00.000Z");
    const month = readView(new URLSearchParams("range=30d"));
    expect(month.granularity).toBe("day");
    expect(reportQuery(month, now)).toMatchObject({
      from: "2026-11-04T10:00:00.000Z",
      to: "2026-12-04T10:00:00.000Z",
      granularity: "day",
    });
    expect(writeView({ ...month, granularity: "hour" }).toString()).toBe("range=30d&granularity=hour");
  });

  it("narrows a status code to its class", () => {
    expect(statusClassOf("429")).toBe("4xx");
    expect(statusClassOf("200")).toBe("2xx");
    expect(statusClassOf("503")).toBe("5xx");
    expect(statusClassOf("302")).toBeUndefined();
    expect(statusClassOf(null)).toBeUndefined();
  });
});
