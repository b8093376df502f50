import { CountDistribution, type DistributionSummary } from "./count-distribution.js";
import { countRecordTokens, type RowTokens } from "./count-record-tokens.js";
import type { TokenizerPort } from "./tokenizer-port.js";
import type { DatasetRecord } from "./types.js";

export interface TokenStatistics {
  tokenizer: { id: string; name: string };
  rows: number;
  prompt: DistributionSummary;
  completion: DistributionSummary;
  total: DistributionSummary;
  /** The max length asked about, or null. */
  maxLength: number | null;
  /** Rows whose sequence is longer than maxLength. */
  rowsOverMaxLength: number;
  /** Tokens cut if every row were truncated to maxLength. */
  truncatedTokens: number;
}

/** Accumulates per-row token counts over a stream of valid rows, in bounded memory. */
export class TokenStatisticsBuilder {
  private readonly prompt = new CountDistribution();
  private readonly completion = new CountDistribution();
  private readonly total = new CountDistribution();
  private over = 0;
  private truncated = 0;

  constructor(
    private readonly tokenizer: TokenizerPort,
    private readonly maxLength: number | undefined,
  ) {}

  add(record: DatasetRecord): RowTokens {
    const row = countRecordTokens(this.tokenizer, record);
    this.addCounts(row);
    return row;
  }

  /** A row counted elsewhere (a worker thread) with the same tokenizer. */
  addCounts(row: RowTokens): void {
    this.prompt.add(row.prompt);
    this.completion.add(row.completion);
    this.total.add(row.total);
    if (this.maxLength !== undefined && row.total > this.maxLength) {
      this.over++;
      this.truncated += row.total - this.maxLength;
    }
  }

  result(): TokenStatistics {
    return {
      tokenizer: { id: this.tokenizer.id, name: this.tokenizer.name },
      rows: this.total.rows,
      prompt: this.prompt.summary(),
      completion: this.completion.summary(),
      total: this.total.summary(),
      maxLength: this.maxLength ?? null,
      rowsOverMaxLength: this.over,
      truncatedTokens: this.truncated,
    };
  }
}
