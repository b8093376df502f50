type Listener = (e: { data: string; lastEventId?: string }) => void;

/**
 * The browser's EventSource at the network edge (jsdom has none): the test plays the server's
 * messages with `emit`, and reads which streams were opened (`url`) and closed.
 * Install with `vi.stubGlobal("EventSource", ScriptedEventSource)`; reset `instances` after each test.
 */
export class ScriptedEventSource {
  static instances: ScriptedEventSource[] = [];
  readyState = 0;
  closed = false;
  private listeners = new Map<string, Listener[]>();
  constructor(
    readonly url: string,
    readonly init?: { withCredentials?: boolean },
  ) {
    ScriptedEventSource.instances.push(this);
  }
  addEventListener(type: string, fn: Listener) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  /** A message named `type`; an SSE `id` when given. */
  emit(type: string, data: unknown, id?: string) {
    for (const fn of this.listeners.get(type) ?? []) fn({ data: JSON.stringify(data), lastEventId: id });
  }
}
