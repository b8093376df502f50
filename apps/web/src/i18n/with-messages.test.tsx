import { act, render, screen } from "@testing-library/react";
import { Suspense } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { describe, expect, it } from "vitest";
import { createI18n, hasNamespaces, loadLanguage } from "./i18n";
import { coreEnUS } from "./locales/core.en-US";
import { WithMessages } from "./with-messages";

function Title() {
  const { t } = useTranslation();
  return <h1>{t("evaluationPage.title")}</h1>;
}

// The app's start: the core dictionary only, the evaluation namespaces fetched by the page.
describe("WithMessages", () => {
  it("shows the fallback, never the raw key, until the area's messages are fetched", async () => {
    const i18n = createI18n("en-US", { "en-US": coreEnUS });
    expect(hasNamespaces(i18n, ["evaluationPage", "evaluationSbs"], "en-US")).toBe(false);
    render(
      <I18nextProvider i18n={i18n}>
        <Suspense fallback={<p>loading</p>}>
          <WithMessages area="evaluation">
            <Title />
          </WithMessages>
        </Suspense>
      </I18nextProvider>,
    );
    expect(screen.getByText("loading")).toBeTruthy();
    expect(screen.queryByText("evaluationPage.title")).toBeNull();
    expect((await screen.findByRole("heading")).textContent).toBe("Evaluation");
    // The core is still there after the merge.
    expect(i18n.t("common.retry")).toBe("Retry");

    // A switch fetches the other language's core and the namespaces already shown, then changes.
    await loadLanguage(i18n, "zh-CN");
    expect(hasNamespaces(i18n, ["evaluationPage", "evaluationSbs"], "zh-CN")).toBe(true);
    expect(hasNamespaces(i18n, ["modelsPage"], "zh-CN")).toBe(false);
    await act(() => i18n.changeLanguage("zh-CN"));
    expect(screen.getByRole("heading").textContent).toBe("模型评估");
    expect(screen.queryByText("loading")).toBeNull();
  });

  it("renders at once when the instance holds the whole dictionary (the tests' renderUi)", () => {
    const i18n = createI18n("en-US", { "en-US": coreEnUS });
    i18n.addResourceBundle("en-US", "translation", { evaluationPage: { title: "Evaluation" } }, true, true);
    i18n.addResourceBundle("en-US", "translation", { evaluationSbs: {} }, true, true);
    render(
      <I18nextProvider i18n={i18n}>
        <Suspense fallback={<p>loading</p>}>
          <WithMessages area="evaluation">
            <Title />
          </WithMessages>
        </Suspense>
      </I18nextProvider>,
    );
    expect(screen.getByRole("heading").textContent).toBe("Evaluation");
  });
});
