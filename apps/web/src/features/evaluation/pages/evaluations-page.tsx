/** Placeholder: replaced by the page itself. */
export function EvaluationsPage() {
  return null;
}
