import { type Price, SetPriceInput } from "@infera/contracts";

export type PriceSubjectKind = Price["subject_kind"];

/** The price dialog's fields: the model version is picked by project and model first. */
export interface PriceFormValues {
  subject_kind: PriceSubjectKind;
  project_id?: string;
  model_id?: string;
  /** A model version id or a resource class name. */
  subject_id?: string;
  input_per_million?: number | null;
  output_per_million?: number | null;
  per_hour?: number | null;
}

export interface FieldIssue {
  field: keyof PriceFormValues | null;
  message: string;
}

const FIELDS: readonly (keyof PriceFormValues)[] = [
  "subject_kind",
  "subject_id",
  "input_per_million",
  "output_per_million",
  "per_hour",
];
const fieldOf = (path: string | undefined): keyof PriceFormValues | null =>
  FIELDS.find((f) => f === path) ?? null;

export function priceFormValues(price: Price | null): PriceFormValues {
  if (!price) return { subject_kind: "model_version" };
  return {
    subject_kind: price.subject_kind,
    subject_id: price.subject_id,
    input_per_million: price.input_per_million,
    output_per_million: price.output_per_million,
    per_hour: price.per_hour,
  };
}

/** The write the values make, or the issues the contract finds (the kind's amounts). */
export function priceInput(v: PriceFormValues): { input: SetPriceInput } | { issues: FieldIssue[] } {
  const amounts =
    v.subject_kind === "model_version"
      ? { input_per_million: v.input_per_million ?? null, output_per_million: v.output_per_million ?? null }
      : { per_hour: v.per_hour ?? null };
  const parsed = SetPriceInput.safeParse({
    subject_kind: v.subject_kind,
    subject_id: v.subject_id ?? "",
    ...amounts,
  });
  if (parsed.success) return { input: parsed.data };
  return {
    issues: parsed.error.issues.map((i) => ({ field: fieldOf(String(i.path[0] ?? "")), message: i.message })),
  };
}

/** The fields a 4xx answer names: the contract's `fields`, or the one `field` a domain error names. */
export function serverIssues(details: unknown, message: string): FieldIssue[] {
  const d = details as { fields?: { path: string; message: string }[]; field?: string } | undefined;
  if (d?.fields?.length)
    return d.fields.map((f) => ({ field: fieldOf(f.path.split(".")[0]), message: f.message }));
  if (d?.field) return [{ field: fieldOf(d.field), message }];
  return [];
}
