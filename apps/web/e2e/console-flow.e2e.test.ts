import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { screenshotter } from "./lib/artifacts";
import { seriousViolations, settled } from "./lib/axe";
import { type Browser, dialogAtRest, openBrowser, STATE_TIMEOUT } from "./lib/browser";
import { exactly, type Lang, translator } from "./lib/i18n";

const baseURL = inject("baseURL");
const adminEmail = inject("adminEmail");
const adminPassword = inject("adminPassword");

/** What an invitee does on their own: accept the link as a new account (outside the admin's browser). */
async function acceptInvitation(acceptUrl: string, name: string): Promise<void> {
  const token = new URL(acceptUrl).pathname.split("/").pop();
  const res = await fetch(`${baseURL}/api/v1/invitations/${token}/accept`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name, password: "e2e-Invitee-Passw0rd!" }),
  });
  if (!res.ok) throw new Error(`accepting the invitation answered ${res.status}: ${await res.text()}`);
}

/** A GET through the page's own session, as the console would make it. */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const res = await fetch(p, { headers: { Accept: "application/json" } });
    if (!res.ok) throw new Error(`GET ${p} answered ${res.status}`);
    return res.json();
  }, path);
}

// The same administration flow once per language, each in its own fresh Chromium profile.
describe.each<Lang>(["zh-CN", "en-US"])("console in %s", (lang) => {
  const t = translator(lang);
  const shot = screenshotter(lang);
  const suffix = lang === "zh-CN" ? "zh" : "en";
  const projectName = `e2e-${suffix}-${Date.now().toString(36)}`;
  const inviteeEmail = `invitee-${suffix}-${Date.now().toString(36)}@infera.test`;
  let browser: Browser;
  let tenantId = "";
  let projectId = "";
  let acceptUrl = "";

  /** Screenshot, then axe: serious and critical violations fail the test (softly, the flow goes on). */
  async function checkpoint(step: string) {
    const { page } = browser;
    await settled(page);
    await shot(browser.page, step);
    expect.soft(await seriousViolations(browser.page), `axe on ${step} (${lang})`).toEqual([]);
  }

  beforeAll(async () => {
    browser = await openBrowser({ locale: lang, baseURL });
  });
  afterEach(async ({ task }) => {
    if ((task.result?.state === "fail" || task.result?.errors?.length) && browser)
      await shot(browser.page, "failed").catch(() => {});
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("logs in, in the chosen language", async () => {
    const { page } = browser;
    await page.goto("/login");
    // Start from the other language and switch, so the switch itself is exercised.
    const other = lang === "zh-CN" ? "English" : "中文";
    await page.getByText(other, { exact: true }).click();
    const otherLang = lang === "zh-CN" ? "en-US" : "zh-CN";
    await expect
      .poll(() => page.evaluate(() => document.documentElement.lang), { timeout: STATE_TIMEOUT })
      .toBe(otherLang);
    await page.getByText(lang === "zh-CN" ? "中文" : "English", { exact: true }).click();
    await expect
      .poll(() => page.evaluate(() => document.documentElement.lang), { timeout: STATE_TIMEOUT })
      .toBe(lang);
    await page.getByRole("heading", { name: t("login.title") }).waitFor();
    await checkpoint("login");

    await page.getByLabel(t("login.email")).fill(adminEmail);
    await page.getByLabel(t("login.password"), { exact: true }).fill(adminPassword);
    await page.getByRole("button", { name: exactly(t("login.submit")) }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    tenantId = (await apiGet<{ data: { id: string }[] }>(page, "/api/v1/tenants")).data[0]!.id;
    expect(tenantId).toMatch(/^ten_/);
    await checkpoint("after-login");
  });

  it("creates a project through the dialog and its review step", async () => {
    const { page } = browser;
    await page.goto(`/t/${tenantId}/projects`);
    await page
      .getByRole("button", { name: t("projects.create") })
      .first()
      .click();
    const opening = page.getByRole("dialog", { name: t("projects.createTitle") });
    await opening.waitFor();
    // The browser asks for reduced motion (lib/browser.ts): the dialog is there without Ant Design's
    // zoom from its first frame (with motion it starts as "ant-zoom-appear").
    expect(await opening.getAttribute("class")).not.toMatch(/zoom/);
    const dialog = await dialogAtRest(opening);
    await dialog.getByLabel(t("projects.name")).fill(projectName);
    await checkpoint("project-create-dialog");
    await dialog.getByRole("button", { name: exactly(t("projects.reviewAndCreate")) }).click();
    const review = page.getByRole("dialog", { name: t("projects.reviewTitle") });
    await expect.poll(() => review.textContent(), { timeout: STATE_TIMEOUT }).toContain(projectName);
    await (await dialogAtRest(review))
      .getByRole("button", { name: exactly(t("dialogs.applyChanges")) })
      .click();
    await page
      .getByText(t("projects.created", { name: projectName }))
      .first()
      .waitFor();
    await page.getByRole("cell", { name: projectName, exact: true }).first().waitFor();
    const projects = (
      await apiGet<{ data: { id: string; name: string }[] }>(
        page,
        `/api/v1/tenants/${tenantId}/projects?limit=100`,
      )
    ).data;
    projectId = projects.find((p) => p.name === projectName)?.id ?? "";
    expect(projectId).toMatch(/^proj_/);
    await checkpoint("projects");
  });

  it("invites a user and shows the link once", async () => {
    const { page } = browser;
    await page.goto(`/t/${tenantId}/users`);
    await page
      .getByRole("button", { name: t("invite.open") })
      .first()
      .click();
    const dialog = page.getByRole("dialog", { name: t("invite.title") });
    await dialog.getByLabel(t("invite.emails")).fill(inviteeEmail);
    await checkpoint("invite-dialog");
    await dialog.getByRole("button", { name: exactly(t("invite.send")) }).click();
    const confirm = page.getByRole("dialog", { name: t("invite.confirmTitle") });
    await confirm.getByRole("button", { name: exactly(t("invite.send")) }).click();
    const links = page.getByRole("dialog", { name: t("invite.linksTitle", { count: 1 }) });
    const link = links.getByText(/\/invite\/\S+/).first();
    await link.waitFor();
    acceptUrl = ((await link.textContent()) ?? "").trim().match(/https?:\/\/\S+\/invite\/\S+/)?.[0] ?? "";
    expect(acceptUrl).toContain("/invite/");
    const done = links.getByRole("button", { name: exactly(t("common.done")) });
    expect(await done.isDisabled()).toBe(true); // cannot close before "I have saved it"
    await checkpoint("invitation-link-once");
    await links.getByRole("checkbox", { name: t("dialogs.iHaveSaved") }).check();
    await done.click();
    await links.waitFor({ state: "hidden" });
    await acceptInvitation(acceptUrl, `Invitee ${suffix}`);
  });

  it("adds the new user as a project member", async () => {
    const { page } = browser;
    await page.goto(`/t/${tenantId}/p/${projectId}/settings?tab=members`);
    await page
      .getByRole("button", { name: t("members.add") })
      .first()
      .click();
    const dialog = page.getByRole("dialog", { name: t("members.addTitle") });
    await dialog.getByRole("combobox", { name: t("members.pickUser") }).click();
    await dialog.getByRole("combobox", { name: t("members.pickUser") }).fill(inviteeEmail);
    await page
      .locator(".ant-select-dropdown:visible .ant-select-item-option")
      .filter({ hasText: inviteeEmail })
      .first()
      .click();
    await checkpoint("member-add-dialog");
    await dialog.getByRole("button", { name: exactly(t("dialogs.review")) }).click();
    const review = page.getByRole("dialog", { name: t("members.addTitle") }).last();
    await (await dialogAtRest(review))
      .getByRole("button", { name: exactly(t("dialogs.applyChanges")) })
      .click();
    await page
      .getByText(t("members.added", { email: inviteeEmail }))
      .first()
      .waitFor();
    await page.getByRole("cell", { name: inviteeEmail, exact: true }).first().waitFor();
    await checkpoint("members");
  });

  it("refuses to remove the last owner and says why", async () => {
    const { page } = browser;
    await page.getByRole("button", { name: t("members.removeOf", { email: adminEmail }) }).click();
    const dialog = page.getByRole("dialog", { name: t("members.removeTitle", { email: adminEmail }) });
    await dialog.getByRole("button", { name: exactly(t("members.remove")) }).click();
    const alert = dialog.getByRole("alert");
    await alert.waitFor();
    await expect.poll(() => alert.textContent(), { timeout: STATE_TIMEOUT }).toMatch(/at least one Owner/);
    expect(await alert.textContent()).toContain(t("errors.requestId"));
    await checkpoint("last-owner-refused");
    await dialog.getByRole("button", { name: exactly(t("common.cancel")) }).click();
    await page.getByRole("cell", { name: adminEmail, exact: true }).first().waitFor();
  });

  it("opens the audit drawer and shows the diff of the member added", async () => {
    const { page } = browser;
    await page.goto(`/t/${tenantId}/audit`);
    await page
      .getByRole("button", { name: t("audit.openEvent", { action: "project.member.add" }) })
      .first()
      .click();
    const drawer = page.getByRole("dialog", { name: t("audit.detailTitle") });
    await drawer.getByText(t("audit.changes")).first().waitFor();
    const added = drawer.getByRole("row", { name: `${t("diff.added")} role` });
    await added.waitFor();
    expect(await added.textContent()).toContain("developer");
    await checkpoint("audit-drawer-diff");
  });
});
