import { describe, expect, it } from "vitest";
import { relativeTime } from "./relative-time";

describe("relativeTime", () => {
  const now = Date.parse("2026-05-01T12:00:00Z");
  it("says now, minutes, hours and days ago in both languages", () => {
    expect(relativeTime("2026-05-01T11:59:50Z", "en-US", now)).toBe("now");
    expect(relativeTime("2026-05-01T11:57:00Z", "en-US", now)).toBe("3 minutes ago");
    expect(relativeTime("2026-05-01T10:00:00Z", "en-US", now)).toBe("2 hours ago");
    expect(relativeTime("2026-04-30T12:00:00Z", "en-US", now)).toBe("yesterday");
    expect(relativeTime("2026-05-01T11:57:00Z", "zh-CN", now)).toBe("3分钟前");
    expect(relativeTime("2026-05-01T11:59:50Z", "zh-CN", now)).toBe("现在");
  });
});
