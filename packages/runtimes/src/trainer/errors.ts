import type { FailureReason } from "@infera/contracts";

/** A classified failure: what the protocol's `failed` event carries. */
export class TrainerFailure extends Error {
  constructor(
    readonly reason: FailureReason,
    message: string,
    readonly suggestion?: string,
    readonly step?: number,
  ) {
    super(message);
    this.name = "TrainerFailure";
  }
}
