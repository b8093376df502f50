import type { ServiceDetail, ServiceRevisionState } from "@infera/contracts";
import { describe, expect, it } from "vitest";
import { isMoving } from "./service-detail-api";

const service = (desired_state: ServiceDetail["desired_state"], ...states: ServiceRevisionState[]) => ({
  desired_state,
  revisions: states.map((current_state) => ({ current_state }) as ServiceDetail["revisions"][number]),
});

describe("isMoving (whether the service page polls)", () => {
  it("polls a revision on its way up, not a settled one", () => {
    expect(isMoving(service("active", "ready", "starting"))).toBe(true);
    expect(isMoving(service("active", "ready", "inactive"))).toBe(false);
    expect(isMoving(service("active", "failed"))).toBe(false);
  });

  it("polls a stopped service until its running revisions went inactive", () => {
    expect(isMoving(service("inactive", "ready"))).toBe(true);
    expect(isMoving(service("inactive", "inactive", "failed"))).toBe(false);
  });
});
