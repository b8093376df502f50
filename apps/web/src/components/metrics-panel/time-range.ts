export const rangePresets = ["1h", "6h", "24h", "7d"] as const;
export type RangePreset = (typeof rangePresets)[number] | "custom";

export interface TimeRange {
  preset: RangePreset;
  from: Date;
  to: Date;
}

const presetMs: Record<(typeof rangePresets)[number], number> = {
  "1h": 3_600_000,
  "6h": 6 * 3_600_000,
  "24h": 24 * 3_600_000,
  "7d": 7 * 24 * 3_600_000,
};

export function presetRange(preset: (typeof rangePresets)[number], now = new Date()): TimeRange {
  return { preset, from: new Date(now.getTime() - presetMs[preset]), to: now };
}
