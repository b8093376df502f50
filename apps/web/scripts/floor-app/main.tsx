/**
 * The floor of the console's stack for a list page: React, React Router, i18next, TanStack Query and
 * Ant Design's Layout, Menu and Table with pagination, in one chunk, with nothing of ours. Its
 * gzipped size is what any table page of the console must load at the least; docs/benchmarks.md
 * compares the projects page with it. Build and measure:
 *   cd apps/web && npx vite build --config scripts/floor-app/vite.config.ts
 * (then gzip -9 the .js files under /tmp/infera-floor-app/assets).
 */
import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import { ConfigProvider, Layout, Menu, Table } from "antd";
import i18n from "i18next";
import { createRoot } from "react-dom/client";
import { initReactI18next, useTranslation } from "react-i18next";
import { createBrowserRouter, RouterProvider } from "react-router";

void i18n.use(initReactI18next).init({ lng: "en", resources: { en: { translation: { t: "Projects" } } } });
function Page() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ["p"], queryFn: () => fetch("/api").then((r) => r.json()) });
  return (
    <Layout>
      <Layout.Sider>
        <Menu items={[{ key: "a", label: t("t") }]} />
      </Layout.Sider>
      <Layout.Content>
        <Table
          rowKey="id"
          dataSource={q.data ?? []}
          columns={[{ title: t("t"), dataIndex: "name", sorter: true }]}
          pagination={{ showSizeChanger: true }}
        />
      </Layout.Content>
    </Layout>
  );
}
const router = createBrowserRouter([{ path: "/", element: <Page /> }]);
createRoot(document.getElementById("root")!).render(
  <QueryClientProvider client={new QueryClient()}>
    <ConfigProvider>
      <RouterProvider router={router} />
    </ConfigProvider>
  </QueryClientProvider>,
);
