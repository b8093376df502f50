import { useCallback, useRef, useState } from "react";

/**
 * Wraps an async action so a second call while the first is running does nothing: a double click
 * submits once. `pending` drives the button's loading state.
 */
export function useSubmitOnce<A extends unknown[]>(action: (...args: A) => Promise<unknown> | unknown) {
  const running = useRef(false);
  const [pending, setPending] = useState(false);
  const run = useCallback(
    async (...args: A) => {
      if (running.current) return;
      running.current = true;
      setPending(true);
      try {
        await action(...args);
      } finally {
        running.current = false;
        setPending(false);
      }
    },
    [action],
  );
  return [run, pending] as const;
}
