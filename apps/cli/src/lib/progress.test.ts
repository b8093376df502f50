import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { fmtBytes, Progress } from "./progress.js";
import { parseRate } from "./throttled-reader.js";

function sink() {
  let text = "";
  const out = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  return { out, text: () => text };
}

describe("progress lines", () => {
  it("formats sizes in powers of 1024", () => {
    expect([fmtBytes(0), fmtBytes(1023.6), fmtBytes(1536), fmtBytes(64 * 1024 ** 2)]).toEqual([
      "0 B",
      "1024 B",
      "1.5 KB",
      "64.0 MB",
    ]);
  });

  it("without a terminal: a line at each further 10% and one at the end, none for the start", () => {
    const s = sink();
    const p = new Progress("model.safetensors", 1000, "uploading", false, s.out);
    for (let done = 0; done <= 1000; done += 50) p.update(done);
    p.finish("done");
    const lines = s.text().trim().split("\n");
    expect(lines.map((l) => /(\d+)%/.exec(l)?.[1])).toEqual([
      "10",
      "20",
      "30",
      "40",
      "50",
      "60",
      "70",
      "80",
      "90",
      "100",
    ]);
    expect(lines.at(-1)).toMatch(
      /^uploading model\.safetensors {2}1000 B \/ 1000 B {2}100% {2}.+\/s {2}ETA 0s {2}done$/,
    );
  });

  it("a resumed transfer shows where it starts", () => {
    const s = sink();
    const p = new Progress("big.bin", 1000, "uploading", false, s.out);
    p.update(300);
    expect(s.text()).toContain("300 B / 1000 B  30%");
  });

  it("on a terminal: one line redrawn in place with a bar, ended by a new line", () => {
    const s = sink();
    const p = new Progress("a.bin", 100, "downloading", true, s.out);
    p.update(0);
    p.update(100);
    p.finish("done");
    expect(s.text()).toMatch(/^\r.*\[\.{20}\] 0 B \/ 100 B {2}0%/);
    expect(s.text()).toContain("[####################] 100 B / 100 B  100%");
    expect(s.text().split("\n")).toHaveLength(2);
  });

  it("a streamed answer of unknown size: bytes and rate, no %, bar or ETA; without a terminal only the last line", () => {
    const piped = sink();
    const p = new Progress("job-step-4.tar", null, "downloading", false, piped.out);
    for (let done = 0; done <= 5000; done += 1000) p.update(done);
    p.finish("done");
    expect(piped.text()).toMatch(/^downloading job-step-4\.tar {2}4\.9 KB {2}.+\/s {2}done\n$/);
    const tty = sink();
    const q = new Progress("a.log", null, "downloading", true, tty.out);
    q.update(2048);
    expect(tty.text()).toMatch(/^\rdownloading a\.log {2}2\.0 KB {2}.+\/s/);
    expect(tty.text().endsWith("\u001b[K")).toBe(true);
    expect(tty.text()).not.toContain("%");
  });

  it("--limit-rate takes K, M and G", () => {
    expect([parseRate("500K"), parseRate("8M"), parseRate("1G"), parseRate("2048")]).toEqual([
      500 * 1024,
      8 * 1024 ** 2,
      1024 ** 3,
      2048,
    ]);
    expect(() => parseRate("fast")).toThrow(/bytes per second/);
    expect(() => parseRate("10")).toThrow(/at least 1K/);
  });
});
