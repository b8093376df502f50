import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router";
import { Providers } from "./app/providers";
import { routes } from "./app/routes";
import { initI18n, initialLanguage, rememberLanguage } from "./i18n/i18n";
import { loadUiLocale } from "./i18n/ui-locale";
import "./styles.css";

const lang = initialLanguage();
rememberLanguage(lang);
const router = createBrowserRouter(routes);

// Only the active language is fetched before the first render; switching fetches the other.
async function start(root: HTMLElement) {
  const [i18n] = await Promise.all([initI18n(lang), loadUiLocale(lang)]);
  createRoot(root).render(
    <StrictMode>
      <Providers i18n={i18n}>
        <RouterProvider router={router} />
      </Providers>
    </StrictMode>,
  );
}

const root = document.getElementById("root");
if (root) void start(root);
