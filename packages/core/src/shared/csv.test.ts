import { describe, expect, it } from "vitest";
import { encodeCsv } from "./csv.js";

const text = async (r: AsyncIterable<unknown>) => {
  let s = "";
  for await (const c of r) s += String(c);
  return s;
};

describe("encodeCsv", () => {
  it("quotes, writes JSON for objects and defuses every formula prefix but a negative number", async () => {
    const row = {
      a: "=1+1",
      b: -5,
      c: true,
      d: { x: 1 },
      e: null,
      f: 'say "hi", ok',
      g: "-x",
      h: "@me",
      i: "+1",
      j: "\tx",
      k: "line\nbreak",
    };
    const out = await text(encodeCsv([row], Object.keys(row)));
    expect(out).toBe(
      `a,b,c,d,e,f,g,h,i,j,k\r\n'=1+1,-5,true,"{""x"":1}",,"say ""hi"", ok",'-x,'@me,'+1,'\tx,"line\nbreak"\r\n`,
    );
  });

  it("pulls rows from the source only as the output is read", async () => {
    let pulled = 0;
    async function* rows() {
      for (let i = 0; i < 100_000; i++) {
        pulled++;
        yield { i, text: "x".repeat(100) };
      }
    }
    const out = encodeCsv(rows(), ["i", "text"]);
    const it = out[Symbol.asyncIterator]();
    await it.next();
    await new Promise((r) => setTimeout(r, 20));
    expect(pulled).toBeGreaterThan(0);
    expect(pulled).toBeLessThan(10_000);
    await it.return?.();
  });

  it("ends the output with the source's error", async () => {
    async function* rows() {
      yield { a: 1 };
      throw new Error("page failed");
    }
    await expect(text(encodeCsv(rows(), ["a"]))).rejects.toThrow("page failed");
  });
});
