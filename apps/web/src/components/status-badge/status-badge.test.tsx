import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderUi } from "../../test/render";
import { StatusBadge } from "./status-badge";
import { type StatusKind, statusEnums } from "./status-enums";

describe("StatusBadge", () => {
  it("names every service state of §7.2 in both languages", () => {
    const states = ["pending", "downloading", "starting", "ready", "inactive", "failed"];
    const { unmount } = renderUi(
      <div>
        {states.map((s) => (
          <StatusBadge key={s} kind="service_current_state" value={s} />
        ))}
      </div>,
    );
    for (const label of ["Pending", "Downloading", "Starting", "Ready", "Inactive", "Failed"]) {
      expect(screen.getByText(label)).toBeInTheDocument();
    }
    unmount();
    renderUi(
      <div>
        {states.map((s) => (
          <StatusBadge key={s} kind="service_current_state" value={s} />
        ))}
      </div>,
      { lang: "zh-CN" },
    );
    for (const label of ["等待中", "下载中", "启动中", "就绪", "未激活", "失败"]) {
      expect(screen.getByText(label)).toBeInTheDocument();
    }
  });

  it("covers every enum value with a translated label", () => {
    const all = Object.entries(statusEnums).flatMap(([kind, values]) =>
      Object.keys(values).map((v) => [kind as StatusKind, v] as const),
    );
    renderUi(
      <div>
        {all.map(([kind, v]) => (
          <span key={`${kind}.${v}`} data-testid={`${kind}.${v}`}>
            <StatusBadge kind={kind} value={v} />
          </span>
        ))}
      </div>,
    );
    for (const [kind, v] of all) {
      const text = screen.getByTestId(`${kind}.${v}`).textContent ?? "";
      expect(text, `${kind}.${v}`).not.toContain("status.");
      expect(text.length).toBeGreaterThan(0);
    }
    expect(screen.getByTestId("fine_tuning_status.canceled")).toHaveTextContent("Canceled");
    expect(screen.getByTestId("model_visibility.tenant_shared")).toHaveTextContent("Tenant shared");
  });

  it("shows an unknown value as it came instead of a blank", () => {
    renderUi(<StatusBadge kind="fine_tuning_status" value="cancel_requested" />);
    expect(screen.getByText("cancel_requested")).toBeInTheDocument();
  });
});
