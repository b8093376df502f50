import { RuntimeEvent } from "@infera/contracts";

type WithoutTime<T> = T extends unknown ? Omit<T, "time"> : never;
export type RuntimeEventInput = WithoutTime<RuntimeEvent>;

export interface Emitter {
  emit(event: RuntimeEventInput): RuntimeEvent;
}

/** Stamps, validates and writes protocol events as JSON lines. Validation failures are bugs of ours: they throw. */
export function createEmitter(write: (line: string) => void, now: () => Date = () => new Date()): Emitter {
  return {
    emit(event) {
      const parsed = RuntimeEvent.parse({ ...event, time: now().toISOString() });
      write(`${JSON.stringify(parsed)}\n`);
      return parsed;
    },
  };
}
