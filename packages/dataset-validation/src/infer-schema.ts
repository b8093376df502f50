export type JsonType = "string" | "number" | "boolean" | "null" | "object" | "array";

export interface SchemaField {
  /** Dotted path; `[]` stands for the elements of an array, e.g. `messages[].role`. */
  path: string;
  types: JsonType[];
  /** Rows in which the path occurs at least once. */
  rows: number;
  /** rows / rows of the schema, 0..1. */
  presence: number;
}

export interface InferredSchema {
  rows: number;
  fields: SchemaField[];
  /** More than `maxFields` distinct paths (or deeper than `maxDepth`): the rest were not tracked. */
  truncated: boolean;
}

/** A structured-cloneable state of a SchemaInference: [path, types, rows] in first-seen order. */
export interface SchemaSnapshot {
  rows: number;
  fields: [string, JsonType[], number][];
  truncated: boolean;
}

const typeOf = (v: unknown): JsonType =>
  v === null ? "null" : Array.isArray(v) ? "array" : (typeof v as "string" | "number" | "boolean" | "object");

/** Field paths, types seen and presence rate over the rows added; bounded in paths and depth. */
export class SchemaInference {
  private rows = 0;
  private readonly fields = new Map<string, { types: Set<JsonType>; rows: number; lastRow: number }>();
  private truncated = false;

  constructor(
    private readonly maxFields = 500,
    private readonly maxDepth = 8,
  ) {}

  add(value: Record<string, unknown>): void {
    this.rows++;
    this.walkObject(value, "", 0);
  }

  private see(path: string, v: unknown, depth: number): void {
    let f = this.fields.get(path);
    if (!f) {
      if (this.fields.size >= this.maxFields) {
        this.truncated = true;
        return;
      }
      f = { types: new Set(), rows: 0, lastRow: 0 };
      this.fields.set(path, f);
    }
    const t = typeOf(v);
    f.types.add(t);
    if (f.lastRow !== this.rows) {
      f.lastRow = this.rows;
      f.rows++;
    }
    if (depth >= this.maxDepth) {
      if (t === "object" || t === "array") this.truncated = true;
      return;
    }
    if (t === "object") this.walkObject(v as Record<string, unknown>, `${path}.`, depth + 1);
    else if (t === "array") for (const e of v as unknown[]) this.see(`${path}[]`, e, depth + 1);
  }

  private walkObject(o: Record<string, unknown>, prefix: string, depth: number): void {
    for (const key in o) this.see(prefix + key, o[key], depth);
  }

  /** What was seen so far, fields in first-seen order: a worker's share of the rows, for `merge`. */
  snapshot(): SchemaSnapshot {
    return {
      rows: this.rows,
      fields: [...this.fields.entries()].map(([path, f]) => [path, [...f.types], f.rows]),
      truncated: this.truncated,
    };
  }

  /**
   * Adds the rows of a snapshot taken over the rows that come next, as if they had been added here
   * one by one: paths new to this schema are added in their first-seen order while there is room.
   * Exact when the snapshot kept every path it saw (built with maxFields = Infinity).
   */
  merge(s: SchemaSnapshot): void {
    this.rows += s.rows;
    if (s.truncated) this.truncated = true;
    for (const [path, types, rows] of s.fields) {
      let f = this.fields.get(path);
      if (!f) {
        if (this.fields.size >= this.maxFields) {
          this.truncated = true;
          continue;
        }
        f = { types: new Set(), rows: 0, lastRow: 0 };
        this.fields.set(path, f);
      }
      for (const t of types) f.types.add(t);
      f.rows += rows;
      f.lastRow = this.rows;
    }
  }

  result(): InferredSchema {
    const fields = [...this.fields.entries()].map(([path, f]) => ({
      path,
      types: [...f.types].sort(),
      rows: f.rows,
      presence: this.rows ? f.rows / this.rows : 0,
    }));
    return { rows: this.rows, fields, truncated: this.truncated };
  }
}
