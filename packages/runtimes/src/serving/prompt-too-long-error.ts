/** A prompt or embedding input longer than the replica's context (a 400, `context_length_exceeded`). */
export class PromptTooLongError extends Error {}
