import { InferaApiError } from "@infera/client";
import { screen } from "@testing-library/react";
import { Button } from "antd";
import { describe, expect, it, vi } from "vitest";
import { api } from "../../lib/client";
import { fakeApi } from "../../test/fake-api";
import { renderUi } from "../../test/render";
import { EmptyState } from "../empty-state/empty-state";
import { ErrorState } from "./error-state";

describe("ErrorState", () => {
  it("shows the server's message, retries, and reveals code and request id on demand", async () => {
    const onRetry = vi.fn();
    const error = new InferaApiError({
      status: 409,
      code: "conflict",
      message: "Project name already exists",
      requestId: "req_abc123",
    });
    const { user } = renderUi(<ErrorState error={error} onRetry={onRetry} />);
    expect(screen.getByRole("alert")).toHaveTextContent("Project name already exists");
    expect(screen.queryByText("req_abc123")).not.toBeInTheDocument();
    await user.click(screen.getByText("Error details"));
    expect(await screen.findByText("req_abc123")).toBeInTheDocument();
    expect(screen.getByText("conflict")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Retry" }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it("explains rate limits with the Retry-After seconds", () => {
    const error = new InferaApiError({
      status: 429,
      code: "rate_limit_exceeded",
      message: "slow down",
      retryAfterSeconds: 12,
    });
    renderUi(<ErrorState error={error} />, { lang: "zh-CN" });
    expect(screen.getByRole("alert")).toHaveTextContent("已触发限流/预算限制，请在 12 秒后重试。");
  });
});

describe("ErrorState with what the typed client throws", () => {
  it("waits as long as the server's Retry-After says", async () => {
    fakeApi({
      "GET /api/v1/auth/me": () => ({
        status: 429,
        headers: { "Retry-After": "12" },
        body: { error: { code: "rate_limit_exceeded", message: "slow down", request_id: "req_r" } },
      }),
    });
    const error = await api.auth.me().catch((e: unknown) => e);
    renderUi(<ErrorState error={error} />, { lang: "zh-CN" });
    expect(screen.getByRole("alert")).toHaveTextContent("已触发限流/预算限制，请在 12 秒后重试。");
  });

  it("reads a server out of reach as a connection problem", async () => {
    vi.stubGlobal("fetch", () => Promise.reject(new TypeError("Failed to fetch")));
    const error = await api.auth.me().catch((e: unknown) => e);
    renderUi(<ErrorState error={error} />);
    expect(screen.getByRole("alert")).toHaveTextContent(
      "Cannot reach the server. Check the connection and retry.",
    );
  });
});

describe("EmptyState", () => {
  it("offers its call to action", async () => {
    const onCreate = vi.fn();
    const { user } = renderUi(
      <EmptyState
        title="No services yet"
        description="Deploy a model as an API."
        actions={<Button onClick={onCreate}>Create service</Button>}
      />,
    );
    expect(screen.getByText("No services yet")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Create service" }));
    expect(onCreate).toHaveBeenCalled();
  });
});

describe("ErrorState with the typed client's errors", () => {
  it("reads an InferaApiError-shaped error the same way", async () => {
    const error = Object.assign(new Error("last owner cannot be removed"), {
      name: "InferaApiError",
      status: 409,
      code: "conflict",
      details: undefined,
      requestId: "req_client1",
    });
    const { user } = renderUi(<ErrorState error={error} />);
    expect(screen.getByRole("alert")).toHaveTextContent("last owner cannot be removed");
    await user.click(screen.getByText("Error details"));
    expect(await screen.findByText("req_client1")).toBeInTheDocument();
  });
});
