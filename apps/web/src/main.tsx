import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router";
import { Providers } from "./app/providers";
import { routes } from "./app/routes";
import { createI18n, initialLanguage, rememberLanguage } from "./i18n/i18n";
import "./styles.css";

const lang = initialLanguage();
rememberLanguage(lang);
const i18n = createI18n(lang);
const router = createBrowserRouter(routes);

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Providers i18n={i18n}>
        <RouterProvider router={router} />
      </Providers>
    </StrictMode>,
  );
}
