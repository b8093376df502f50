import { runtimeProtocolJsonSchema } from "@infera/contracts";

export const PROTOCOL_SCHEMA_PATH = new URL("../../../../docs/runtime-protocol.schema.json", import.meta.url);

/** The checked-in docs/runtime-protocol.schema.json, byte for byte. */
export function renderProtocolJsonSchema(): string {
  return `${JSON.stringify(runtimeProtocolJsonSchema(), null, 2)}\n`;
}
