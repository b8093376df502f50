import type { TokenizedSequence, TokenizerChatMessage } from "@infera/dataset-validation";
import { isTrainedTurn, messageText } from "@infera/dataset-validation";

/** Builds a sequence piece by piece, marking which pieces are learned. */
export class SequenceBuilder {
  readonly ids: number[] = [];
  readonly completionMask: number[] = [];

  push(ids: readonly number[], learned: boolean): void {
    for (const id of ids) {
      this.ids.push(id);
      this.completionMask.push(learned ? 1 : 0);
    }
  }

  done(): TokenizedSequence {
    return { ids: this.ids, completionMask: this.completionMask };
  }
}

/** A ChatML-style layout: `start role sep content end after` per turn; content and end are learned on trained turns. */
export interface ChatLayout {
  prefix: readonly number[];
  start: readonly number[];
  /** Tokens of the role name and separator, e.g. encode("assistant\n"). */
  header(role: string): readonly number[];
  encode(text: string): number[];
  end: readonly number[];
  after: readonly number[];
}

export function renderChatLayout(
  layout: ChatLayout,
  messages: readonly TokenizerChatMessage[],
): TokenizedSequence {
  const seq = new SequenceBuilder();
  seq.push(layout.prefix, false);
  for (const m of messages) {
    const learned = isTrainedTurn(m);
    seq.push(layout.start, false);
    seq.push(layout.header(m.role), false);
    seq.push(layout.encode(messageText(m)), learned);
    seq.push(layout.end, learned);
    seq.push(layout.after, false);
  }
  return seq.done();
}
