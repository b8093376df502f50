import { fireEvent, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { findDialog } from "../../../test/dialogs";
import { apiError, fakeApi } from "../../../test/fake-api";
import { page, permissions } from "../../../test/fixtures";
import { findEnabledButton, renderUi } from "../../../test/render";
import { ApiKeysPage } from "../pages/api-keys-page";
import { apiKey, exampleService, issuedKey, keyIds } from "../test/fixtures";

const at = { route: "/t/ten_1/p/proj_1/api-keys", path: "/t/:tenantId/p/:projectId/api-keys" };
/** The error under the form item labelled `label` ("" when it has none). */
const fieldError = (dialog: HTMLElement, label: string) =>
  [...dialog.querySelectorAll(".ant-form-item")]
    .find((item) => item.querySelector(".ant-form-item-label label")?.textContent === label)
    ?.querySelector(".ant-form-item-explain")?.textContent ?? "";

describe("CreateApiKeyDialog", () => {
  it("checks the fields as they are typed and shows the server's refusal on its field", {
    timeout: 60_000,
  }, async () => {
    let answer: () => { status?: number; body?: unknown } = () =>
      apiError(400, "validation_error", "expires_at must be in the future", "req_c1", {
        field: "expires_at",
      });
    const { requests } = fakeApi({
      "GET /api/v1/auth/permissions": permissions(["api_key.list", "api_key.create"]),
      "GET /api/v1/projects/proj_1/api-keys": () => page([apiKey({ id: keyIds.key2, name: "older" })]),
      "POST /api/v1/projects/proj_1/api-keys": () => answer(),
      "GET /api/v1/projects/proj_1/services": () => page([exampleService()]),
    });
    const { user } = renderUi(<ApiKeysPage />, at);
    await user.click(await findEnabledButton(/Create API key/));
    const dialog = await findDialog("Create API key");
    // inference:invoke is ticked by default.
    expect(within(dialog).getByRole("checkbox", { name: /inference:invoke/ })).toBeChecked();

    const name = within(dialog).getByLabelText("Name");
    await user.type(name, "x");
    await user.clear(name);
    await waitFor(() => expect(fieldError(dialog, "Name")).toBe("Enter a name"));
    await user.click(name);
    await user.paste("a".repeat(65));
    await waitFor(() => expect(fieldError(dialog, "Name")).toBe("At most 64 characters"));
    await user.clear(name);
    await user.type(name, "support-bot");
    await waitFor(() => expect(fieldError(dialog, "Name")).toBe(""));

    await user.click(within(dialog).getByRole("checkbox", { name: /inference:invoke/ }));
    await waitFor(() => expect(fieldError(dialog, "Scopes")).toBe("Pick at least one scope"));
    await user.click(within(dialog).getByRole("checkbox", { name: /inference:invoke/ }));
    await user.click(within(dialog).getByRole("checkbox", { name: /metrics:read/ }));

    const rpm = within(dialog).getByLabelText("RPM limit");
    await user.type(rpm, "0");
    await waitFor(() => expect(fieldError(dialog, "RPM limit")).toMatch(/whole number from 1/));
    await user.clear(rpm);
    await user.type(rpm, "600");
    await waitFor(() => expect(fieldError(dialog, "RPM limit")).toBe(""));
    await user.type(within(dialog).getByLabelText("Daily token limit"), "2000000");
    await user.type(within(dialog).getByLabelText("Note"), "helpdesk");

    // Nothing is sent while a field is wrong; a date is needed once "On a date" is picked.
    await user.click(within(dialog).getByRole("radio", { name: "On a date" }));
    await user.click(within(dialog).getByRole("button", { name: "Create" }));
    await waitFor(() => expect(fieldError(dialog, "Expiry date")).toBe("Pick a date"));
    expect(requests.some((r) => r.method === "POST")).toBe(false);
    await user.click(within(dialog).getByRole("radio", { name: "30 days" }));

    // The server's 400 names expires_at: shown on the expiry, the dialog stays open.
    await user.click(within(dialog).getByRole("button", { name: "Create" }));
    await waitFor(() => expect(requests.filter((r) => r.method === "POST")).toHaveLength(1));
    const sent = requests.find((r) => r.method === "POST")?.body as Record<string, unknown>;
    expect(sent).toMatchObject({
      name: "support-bot",
      scopes: ["inference:invoke", "metrics:read"],
      rpm_limit: 600,
      daily_token_limit: 2_000_000,
      note: "helpdesk",
    });
    const days = (Date.parse(sent.expires_at as string) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);

    await user.click(within(dialog).getByRole("radio", { name: "Never" }));
    answer = () =>
      apiError(400, "validation_error", "invalid input", "req_c2", {
        fields: [{ path: "name", message: "must not contain control characters" }],
      });
    await user.click(within(dialog).getByRole("button", { name: "Create" }));
    await waitFor(() => expect(fieldError(dialog, "Name")).toBe("must not contain control characters"));
  });

  it("ends in the secret dialog, which cannot be closed before 'I have saved it', then opens the key", {
    timeout: 60_000,
  }, async () => {
    const secret = issuedKey().secret;
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(["api_key.list", "api_key.create"]),
      "GET /api/v1/projects/proj_1/api-keys": () => page([apiKey({ id: keyIds.key2, name: "older" })]),
      "POST /api/v1/projects/proj_1/api-keys": () => ({ status: 201, body: { data: issuedKey() } }),
      "GET /api/v1/projects/proj_1/services": () => page([exampleService()]),
    });
    const { user, router } = renderUi(<ApiKeysPage />, at);
    await user.click(await findEnabledButton(/Create API key/));
    const form = await findDialog("Create API key");
    await user.type(within(form).getByLabelText("Name"), "support-bot");
    await user.click(within(form).getByRole("button", { name: "Create" }));

    const dialog = await findDialog("Secret key of “support-bot”");
    expect(within(dialog).getByLabelText("Secret")).toHaveValue(secret);
    expect(within(dialog).getByText(/A lost key cannot be shown again: rotate it/)).toBeInTheDocument();
    // No ×; Esc and a click outside leave it open.
    expect(dialog.querySelector(".ant-modal-close")).toBeNull();
    await user.keyboard("{Escape}");
    const wrap = document.querySelector(".ant-modal-wrap") as HTMLElement;
    fireEvent.mouseDown(wrap);
    fireEvent.click(wrap);
    expect(within(dialog).getByLabelText("Secret")).toBeInTheDocument();
    const done = within(dialog).getByRole("button", { name: "Done" });
    expect(done).toBeDisabled();

    // The example calls this installation's /v1 with a service of the project, and the secret works in it.
    await waitFor(() =>
      expect(dialog.querySelector("pre[data-example=curl]")?.textContent).toContain("chat-assistant"),
    );
    const curl = dialog.querySelector("pre[data-example=curl]")?.textContent ?? "";
    expect(curl).toContain(`${window.location.origin}/v1/chat/completions`);
    expect(curl).toContain(`export INFERA_API_KEY="${secret}"`);
    await user.click(within(dialog).getByRole("tab", { name: "Python" }));
    const python = dialog.querySelector("pre[data-example=python]")?.textContent ?? "";
    expect(python).toContain(`OpenAI(base_url="${window.location.origin}/v1"`);
    expect(python).toContain('model="chat-assistant"');

    await user.click(within(dialog).getByRole("button", { name: "Copy" }));
    expect(await navigator.clipboard.readText()).toBe(secret);
    expect(done).toBeDisabled();
    await user.click(within(dialog).getByRole("checkbox", { name: "I have saved it" }));
    expect(done).toBeEnabled();
    await user.click(done);
    await waitFor(() =>
      expect(router.state.location.pathname).toBe(`/t/ten_1/p/proj_1/api-keys/${keyIds.key}`),
    );
  });
});
