import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { renderUi } from "../../../test/render";
import { tokenStats, validation } from "../test/fixtures";
import { ReportStep } from "./report-step";
import { TokenStatsCards } from "./token-stats-cards";

describe("dataset wizard: the error step", () => {
  it("lists the first 20 bad lines by number with their messages and links the full report", async () => {
    const onKeepValid = vi.fn();
    const { user } = renderUi(
      <ReportStep report={validation()} keepValid={false} onKeepValid={onKeepValid} error={null} />,
    );
    expect(screen.getByText("25 invalid lines found")).toBeInTheDocument();
    expect(screen.getByText("Showing the first 20 of 25; the full report downloads.")).toBeInTheDocument();
    const table = screen.getByRole("table", { name: "Invalid lines" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(20);
    expect(rows[0]).toHaveTextContent("3");
    expect(rows[0]).toHaveTextContent("14");
    expect(rows[0]).toHaveTextContent("Unexpected token } in JSON");
    expect(rows[19]).toHaveTextContent("41");
    expect(rows[19]).toHaveTextContent('(got "bot19")');
    expect(screen.getByRole("link", { name: /Download the full error report/ })).toHaveAttribute(
      "href",
      "/api/v1/dataset-validation-runs/dsvr_1/report",
    );
    // Counts of every kind of line.
    const counts = screen.getByText("Lines").closest("table");
    expect(counts).toHaveTextContent("130");
    expect(counts).toHaveTextContent("100");
    // The way out other than a corrected file: keep only the valid rows.
    await user.click(screen.getByRole("checkbox", { name: /valid rows only and drop the 25 invalid/ }));
    expect(onKeepValid).toHaveBeenCalledWith(true);
  });

  it("names the file and its own line when a version is several files, and shows the step's refusal", () => {
    const report = validation({
      files: [
        { index: 0, name: "a.jsonl", lines: 10, container: "jsonl" },
        { index: 1, name: "b.jsonl", lines: 10, container: "jsonl" },
      ],
      errors: [
        {
          line: 14,
          file: 1,
          file_name: "b.jsonl",
          file_line: 4,
          index: null,
          container: "jsonl",
          column: null,
          code: "not_an_object",
          message: "line is a JSON array, not an object",
        },
      ],
      errors_truncated: false,
      rows: { total: 20, valid: 19, invalid: 1, blank: 0 },
    });
    renderUi(
      <ReportStep
        report={report}
        keepValid={false}
        onKeepValid={() => {}}
        error="The files have invalid lines: upload a corrected file, or choose to keep only the valid rows."
      />,
      { lang: "en-US" },
    );
    const row = within(screen.getByRole("table", { name: "Invalid lines" })).getAllByRole("row")[1];
    expect(row).toHaveTextContent("14 (b.jsonl line 4)");
    expect(row).toHaveTextContent("not_an_object");
    expect(screen.queryByText(/Showing the first/)).toBeNull();
    expect(screen.getByText(/^The files have invalid lines/).closest("[role=alert]")).not.toBeNull();
  });

  it("offers no keep-valid choice when no line is valid, and says all is well when all are", () => {
    const { unmount } = renderUi(
      <ReportStep
        report={validation({ rows: { total: 3, valid: 0, invalid: 3, blank: 0 } })}
        keepValid={false}
        onKeepValid={() => {}}
        error={null}
      />,
    );
    expect(screen.queryByRole("checkbox")).toBeNull();
    unmount();
    renderUi(
      <ReportStep
        report={validation({
          valid: true,
          errors: [],
          errors_truncated: false,
          report_href: null,
          rows: { total: 3, valid: 3, invalid: 0, blank: 0 },
        })}
        keepValid={false}
        onKeepValid={() => {}}
        error={null}
      />,
      { lang: "zh-CN" },
    );
    expect(screen.getByText("全部 3 行有效（格式：chat）。")).toBeInTheDocument();
    expect(screen.queryByRole("table", { name: "错误行" })).toBeNull();
  });
});

describe("TokenStatsCards", () => {
  it("shows prompt, completion and total per row (mean, p50, p95, max), sums, tokenizer and rows over max", () => {
    renderUi(<TokenStatsCards stats={tokenStats()} />);
    const prompt = screen.getByTestId("tokens-prompt");
    expect(prompt).toHaveTextContent("Prompt tokens");
    expect(prompt).toHaveTextContent("1,234");
    expect(prompt).toHaveTextContent("411.3");
    expect(prompt).toHaveTextContent("p50400");
    expect(prompt).toHaveTextContent("p95620");
    expect(prompt).toHaveTextContent("Max655");
    const total = screen.getByTestId("tokens-total");
    expect(total).toHaveTextContent("1,534");
    expect(total).toHaveTextContent("Max816");
    expect(screen.getByTestId("tokens-completion")).toHaveTextContent("Mean per row100");
    expect(screen.getByText("o200k_base (default BPE)")).toBeInTheDocument();
    expect(screen.getByText("2 rows over 512 (truncation would cut 410 tokens)")).toBeInTheDocument();
    expect(screen.queryByText(/approximate/)).toBeNull();
  });

  it("says when there are no statistics, when no max length was given, and when quantiles are binned", () => {
    const { unmount } = renderUi(<TokenStatsCards stats={null} />, { lang: "zh-CN" });
    expect(screen.getByText("没有 token 统计。")).toBeInTheDocument();
    unmount();
    const binned = tokenStats({ max_length: null, rows_over_max_length: 0, truncated_tokens: 0 });
    binned.total = { ...binned.total, exact: false };
    renderUi(<TokenStatsCards stats={binned} />);
    expect(screen.getByText("No max length given")).toBeInTheDocument();
    expect(screen.getByText(/approximate/)).toBeInTheDocument();
  });
});
