import type { FineTuneJobStatus } from "@infera/contracts";
import { StatusBadge } from "../../../components/status-badge/status-badge";

/** A job's status as a coloured tag (queued grey, starting/running blue, canceling/canceled orange…). */
export function JobStatusTag({ status }: { status: FineTuneJobStatus }) {
  return <StatusBadge kind="fine_tuning_status" value={status} asTag />;
}
