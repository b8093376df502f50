import { StyleProvider } from "@ant-design/cssinjs";
import { type RenderOptions, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App as AntApp, ConfigProvider } from "antd";
import zhCNAntd from "antd/es/locale/zh_CN";
import type { ReactElement } from "react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { expect } from "vitest";
import { createQueryClient, Providers } from "../app/providers";
import { createI18n, type Language } from "../i18n/i18n";
import { enUS } from "../i18n/locales/en-US";
import { zhCN } from "../i18n/locales/zh-CN";
import { registerUiLocale } from "../i18n/ui-locale";
import "dayjs/locale/zh-cn";

// Tests hold both languages up front, so a switch in a test is as quick as in a warm browser.
registerUiLocale("zh-CN", zhCNAntd);

export interface RenderUiOptions extends Omit<RenderOptions, "wrapper"> {
  lang?: Language;
  /** the URL the component is rendered at */
  route?: string;
  /** the route pattern the component is mounted on, for useParams */
  path?: string;
  timeZone?: string;
  /** Query data in the cache before the first render (e.g. the project and its permissions). */
  queryData?: [queryKey: readonly unknown[], data: unknown][];
}

/** Renders a component inside the app's real providers and a memory router. */
export function renderUi(
  ui: ReactElement,
  {
    lang = "en-US",
    route = "/",
    path = "*",
    timeZone = "UTC",
    queryData = [],
    ...rest
  }: RenderUiOptions = {},
) {
  const i18n = createI18n(lang, { "zh-CN": zhCN, "en-US": enUS });
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false, refetchOnWindowFocus: false } });
  for (const [key, data] of queryData) queryClient.setQueryData(key, data);
  const router = createMemoryRouter(
    [
      { path, element: ui },
      { path: "*", element: <div data-testid="other-route" /> },
    ],
    { initialEntries: [route] },
  );
  const user = userEvent.setup({ delay: null });
  // Ant Design's CSS-in-JS styles go to an element outside the document: jsdom's getComputedStyle
  // walks every style rule in the document on each call, and Testing Library calls it for every
  // element a role query looks at, so with a few thousand Ant Design rules in the page one findByRole
  // took seconds. No test reads Ant Design's styles (jsdom lays nothing out). A fresh container per
  // render, so nothing of one test's styles reaches the next.
  const result = render(
    <StyleProvider container={document.createElement("div")}>
      <Providers i18n={i18n} queryClient={queryClient} timeZone={timeZone}>
        <ConfigProvider theme={{ token: { motion: false } }}>
          <AntApp>
            <RouterProvider router={router} />
          </AntApp>
        </ConfigProvider>
      </Providers>
    </StyleProvider>,
    rest,
  );
  return { ...result, user, router, queryClient, i18n };
}

/**
 * The button once it is there and enabled: buttons behind a permission check render disabled until
 * the permissions arrive, and a click on a disabled button does nothing.
 */
export function findEnabledButton(name: string | RegExp): Promise<HTMLElement> {
  return waitFor(() => {
    const button = screen.getByRole("button", { name });
    expect(button).toBeEnabled();
    return button;
  });
}
