import { describe, expect, it } from "vitest";
import { StopStringFilter } from "./stop-strings.js";

function run(stops: string[], pieces: string[]) {
  const f = new StopStringFilter(stops);
  let out = "";
  for (const p of pieces) {
    out += f.push(p);
    if (f.stopped) return { out, stopped: true };
  }
  return { out: out + f.flush(), stopped: false };
}

describe("stop strings across streamed pieces", () => {
  it("cuts before a stop string split over several pieces, and emits none of it", () => {
    expect(run(["<END>"], ["Hello <E", "N", "D> after"])).toEqual({ out: "Hello ", stopped: true });
  });

  it("releases held text that turned out not to be a stop string", () => {
    const f = new StopStringFilter(["\n\n"]);
    expect(f.push("a\n")).toBe("a");
    expect(f.push("b")).toBe("\nb");
    expect(run(["\n\n"], ["a\n", "b\n"])).toEqual({ out: "a\nb\n", stopped: false });
  });

  it("the earliest of several stop strings wins; no stop strings passes everything through", () => {
    expect(run(["lemon", "is"], ["A lemon is yellow"])).toEqual({ out: "A ", stopped: true });
    expect(run([], ["a", "b"])).toEqual({ out: "ab", stopped: false });
  });
});
