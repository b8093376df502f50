import type { i18n as I18n } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { type FeatureArea, featureAreas } from "./feature-areas";
import { hasNamespaces, isLanguage, loadNamespaces } from "./i18n";

/**
 * One pending fetch per instance, language and area, so that every render suspends on the same
 * promise. Keyed by the instance's store: useTranslation hands out copies of the instance that share it.
 */
const pending = new WeakMap<I18n["store"], Map<string, Promise<void>>>();

function loading(instance: I18n, area: FeatureArea, lng: "zh-CN" | "en-US"): Promise<void> {
  const byKey = pending.get(instance.store) ?? new Map<string, Promise<void>>();
  pending.set(instance.store, byKey);
  const key = `${lng}:${area}`;
  let promise = byKey.get(key);
  if (!promise) {
    promise = loadNamespaces(instance, featureAreas[area], lng).catch((error: unknown) => {
      byKey.delete(key); // a failed fetch is tried again when the error boundary resets
      throw error;
    });
    byKey.set(key, promise);
  }
  return promise;
}

/** Suspends (the route's skeleton shows) until the area's messages are in the active language. */
function MessagesGate({ area }: { area: FeatureArea }) {
  const { i18n } = useTranslation();
  const lng = isLanguage(i18n.language) ? i18n.language : "en-US";
  // Thrown, as react-i18next's own useTranslation does while a namespace loads: React retries the
  // render when it settles (use() left the page suspended in the act() of the tests).
  if (!hasNamespaces(i18n, featureAreas[area], lng)) throw loading(i18n, area, lng);
  return null;
}

/**
 * A feature's page with its messages: no raw keys while they load. The gate is the page's sibling,
 * not its parent, so that React warms the page's own lazy chunk while the messages are fetched.
 */
export function WithMessages({ area, children }: { area: FeatureArea; children: ReactNode }) {
  return (
    <>
      <MessagesGate area={area} />
      {children}
    </>
  );
}
