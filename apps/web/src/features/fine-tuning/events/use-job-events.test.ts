import type { FineTuneJobEvent, FineTuneJobEventType } from "@infera/contracts";
import { act, renderHook, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeApi } from "../../../test/fake-api";
import { ScriptedEventSource } from "../../../test/scripted-event-source";
import { eventsPage, jobEvent, metricsEvent } from "../test/fixtures";
import { useJobEvents } from "./use-job-events";

const METRICS: readonly FineTuneJobEventType[] = ["metrics"];
const route = "GET /api/v1/fine-tuning/jobs/ftj_1/events";
const seqs = (events: FineTuneJobEvent[]) => events.map((e) => e.seq);

/** The server's log: what the JSON route answers (paged as the server pages it). */
function serve(log: FineTuneJobEvent[]) {
  return fakeApi({ [route]: (req) => eventsPage(log, req.query) });
}

describe("useJobEvents", () => {
  beforeEach(() => vi.stubGlobal("EventSource", ScriptedEventSource));
  afterEach(() => {
    ScriptedEventSource.instances = [];
    vi.unstubAllGlobals();
  });

  it("loads every JSON page, then follows the stream from the last seq without repeats", async () => {
    // 1,500 metrics: two pages of the route's largest size.
    const log = Array.from({ length: 1500 }, (_, i) => metricsEvent(i + 1, { loss: 2 }));
    const { requests } = serve(log);
    const { result } = renderHook(() => useJobEvents("ftj_1", METRICS, true));
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.events).toHaveLength(1500);
    expect(requests.map((r) => [r.query.get("after"), r.query.get("limit"), r.query.get("type")])).toEqual([
      ["0", "1000", "metrics"],
      ["1000", "1000", "metrics"],
    ]);

    await waitFor(() => expect(ScriptedEventSource.instances).toHaveLength(1));
    const source = ScriptedEventSource.instances[0]!;
    expect(source.url).toBe("/api/v1/fine-tuning/jobs/ftj_1/events?after=1500&type=metrics");
    expect(source.init).toEqual({ withCredentials: true });

    // Live entries append; one the page already had (a reconnect's overlap) is not shown twice.
    act(() => {
      source.emit("metrics", metricsEvent(1500, { loss: 9 }), "1500");
      source.emit("metrics", metricsEvent(1501, { loss: 1.5 }), "1501");
      source.emit("metrics", metricsEvent(1502, { loss: 1.4 }), "1502");
      source.emit("metrics", metricsEvent(1501, { loss: 9 }), "1501");
    });
    await waitFor(() => expect(result.current.events).toHaveLength(1502));
    expect(seqs(result.current.events).slice(-3)).toEqual([1500, 1501, 1502]);
    expect(result.current.events.at(-3)?.data.loss).toBe(2);
  });

  it("closes the stream on end and on unmount", async () => {
    serve([jobEvent(1, "status", { from: null, to: "queued", reason: "created" })]);
    const { result, unmount } = renderHook(() => useJobEvents("ftj_1", METRICS, true));
    await waitFor(() => expect(ScriptedEventSource.instances).toHaveLength(1));
    const first = ScriptedEventSource.instances[0]!;
    expect(first.url).toBe("/api/v1/fine-tuning/jobs/ftj_1/events?after=0&type=metrics");
    act(() => {
      first.emit("metrics", metricsEvent(2, { loss: 3 }), "2");
      first.emit("end", { last: 2 });
    });
    expect(first.closed).toBe(true);
    // `end` shows what was still waiting for the next repaint at once.
    expect(seqs(result.current.events)).toEqual([2]);
    unmount();

    const again = renderHook(() => useJobEvents("ftj_1", METRICS, true));
    await waitFor(() => expect(ScriptedEventSource.instances).toHaveLength(2));
    again.unmount();
    expect(ScriptedEventSource.instances[1]!.closed).toBe(true);
  });

  it("reads the rest as JSON when the job finishes, and follows again from there after a retry", async () => {
    const log = [metricsEvent(1, { loss: 3 })];
    const { requests } = serve(log);
    const { result, rerender } = renderHook(({ follow }) => useJobEvents("ftj_1", METRICS, follow), {
      initialProps: { follow: true },
    });
    await waitFor(() => expect(ScriptedEventSource.instances).toHaveLength(1));
    const first = ScriptedEventSource.instances[0]!;
    act(() => first.emit("metrics", metricsEvent(2, { loss: 2.5 }), "2"));
    await waitFor(() => expect(seqs(result.current.events)).toEqual([1, 2]));

    // The job finished before the stream delivered its last entry: the catch-up read gets it.
    log.push(metricsEvent(2, { loss: 2.5 }), metricsEvent(3, { loss: 2 }));
    rerender({ follow: false });
    expect(first.closed).toBe(true);
    await waitFor(() => expect(seqs(result.current.events)).toEqual([1, 2, 3]));
    expect(requests.at(-1)?.query.get("after")).toBe("2");
    expect(ScriptedEventSource.instances).toHaveLength(1);

    rerender({ follow: true });
    await waitFor(() => expect(ScriptedEventSource.instances).toHaveLength(2));
    expect(ScriptedEventSource.instances[1]!.url).toContain("after=3");
    expect(result.current.loading).toBe(false);
  });

  it("says when the log cannot be read, and reads it again on reload", async () => {
    let fail = true;
    fakeApi({
      [route]: (req) =>
        fail
          ? { status: 403, body: { error: { code: "forbidden", message: "no", request_id: "req_1" } } }
          : eventsPage([metricsEvent(1, { loss: 1 })], req.query),
    });
    const { result } = renderHook(() => useJobEvents("ftj_1", METRICS, false));
    await waitFor(() => expect(result.current.error).toMatchObject({ code: "forbidden" }));
    expect(result.current.loading).toBe(false);
    fail = false;
    act(() => result.current.reload());
    await waitFor(() => expect(seqs(result.current.events)).toEqual([1]));
    expect(result.current.error).toBeNull();
    expect(ScriptedEventSource.instances).toEqual([]);
  });
});
