import { errorReportRecords } from "@infera/dataset-validation";
import { describe, expect, it } from "vitest";
import { errorReportCsv } from "./error-report-csv.js";

const text = async (it: AsyncIterable<string | Uint8Array>) => {
  let out = "";
  for await (const c of it) out += typeof c === "string" ? c : new TextDecoder().decode(c);
  return out;
};
const source = (body: string) => [
  (async function* () {
    yield new TextEncoder().encode(body);
  })(),
];

describe("errorReportCsv", () => {
  it("writes one row per bad line under the report's header", async () => {
    const body = ['{"text": "ok"}', "{broken", '{"text": "ok"}', "[1]"].join("\n");
    const csv = (await text(errorReportCsv(errorReportRecords(source(body))))).trimEnd().split("\r\n");
    expect(csv[0]).toBe("line,file,file_name,file_line,index,container,column,code,message");
    expect(csv).toHaveLength(3);
    expect(csv[1]).toMatch(/^2,0,,2,,jsonl,\d+,invalid_json,/);
    expect(csv[2]).toMatch(/^4,0,,4,,jsonl,/);
  });

  it("quotes CSV fields and defuses spreadsheet formulas in the report", async () => {
    const r = await text(errorReportCsv(errorReportRecords(source('{"text": 1}\n'), { format: "text" })));
    expect(r.split("\r\n")[1]).toBe('1,0,,1,,jsonl,,invalid_record,"text must be a string, got number"');
  });
});
