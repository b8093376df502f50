export type {
  Admission,
  AdmissionRefusalCode,
  AdmissionRule,
  CallAdmitter,
  CallIdentity,
} from "./admission/call-admitter.js";
export { admitEverything } from "./admission/call-admitter.js";
export { createGateway, type Gateway, type GatewayOptions } from "./gateway/create-gateway.js";
export type { UnpricedUsage } from "./gateway/gateway-deps.js";
export { type CallAdmitterOptions, createCallAdmitter } from "./limits/create-call-admitter.js";
export type { LimitsObserver, RedisFailMode } from "./limits/fall-back-counters.js";
export { createMeter, type Meter, type MeterOptions } from "./metering/create-meter.js";
export type { ShipReport, StoreUsage } from "./metering/ship-usage-segments.js";
