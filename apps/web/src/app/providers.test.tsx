import { render, screen } from "@testing-library/react";
import { theme } from "antd";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createI18n } from "../i18n/i18n";
import { enUS } from "../i18n/locales/en-US";
import { zhCN } from "../i18n/locales/zh-CN";
import { Providers } from "./providers";

/** Ant Design's motion token, as every component under the providers reads it. */
function Motion() {
  const { token } = theme.useToken();
  return <output>{String(token.motion)}</output>;
}

/** A stand-in for the system setting: jsdom has no media queries of its own. */
function prefersReducedMotion(reduce: boolean) {
  const listeners = new Set<() => void>();
  const list = {
    get matches() {
      return reduce;
    },
    addEventListener: (_: string, fn: () => void) => listeners.add(fn),
    removeEventListener: (_: string, fn: () => void) => listeners.delete(fn),
  };
  vi.spyOn(window, "matchMedia").mockImplementation(
    (query) => (query === "(prefers-reduced-motion: reduce)" ? list : { matches: false }) as MediaQueryList,
  );
  return {
    change(next: boolean) {
      reduce = next;
      for (const fn of listeners) fn();
    },
  };
}

const renderWithProviders = () =>
  render(
    <Providers i18n={createI18n("en-US", { "en-US": enUS, "zh-CN": zhCN })}>
      <Motion />
    </Providers>,
  );

describe("Providers and reduced motion", () => {
  afterEach(() => vi.restoreAllMocks());

  it("keeps Ant Design's motion by default", () => {
    prefersReducedMotion(false);
    renderWithProviders();
    expect(screen.getByRole("status")).toHaveTextContent("true");
  });

  it("turns it off for a person who asked their system for less motion, and follows a change", async () => {
    const setting = prefersReducedMotion(true);
    renderWithProviders();
    expect(screen.getByRole("status")).toHaveTextContent("false");
    setting.change(false);
    expect(await screen.findByText("true")).toBeInTheDocument();
  });
});
