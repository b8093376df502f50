/** Placeholder: replaced by the page itself. */
export function EvaluationDetailPage() {
  return null;
}
