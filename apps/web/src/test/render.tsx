import { type RenderOptions, render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App as AntApp } from "antd";
import zhCNAntd from "antd/es/locale/zh_CN";
import type { ReactElement } from "react";
import { createMemoryRouter, RouterProvider } from "react-router";
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
  const user = userEvent.setup();
  const result = render(
    <Providers i18n={i18n} queryClient={queryClient} timeZone={timeZone}>
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </Providers>,
    rest,
  );
  return { ...result, user, router, queryClient, i18n };
}
