export { createMeter, type Meter, type MeterOptions } from "./metering/create-meter.js";
export type { ShipReport, StoreUsage } from "./metering/ship-usage-segments.js";
