import { type ReactNode, Suspense, useState } from "react";

/**
 * Renders its children from the first time `open` is true on, inside Suspense: a lazily imported
 * dialog is fetched only when first opened, and stays mounted after so its closing animation plays.
 */
export function OnceOpened({ open, children }: { open: boolean; children: ReactNode }) {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened || open ? <Suspense fallback={null}>{children}</Suspense> : null;
}
