/**
 * LISTEN/NOTIFY channel telling gateways to reread their routing table now instead of within the
 * second (decision 0036): sent when a replica becomes ready or stops and when a traffic split
 * changes. The payload is the replica or service id, a hint only.
 */
export const ROUTING_CHANNEL = "service_routing";
