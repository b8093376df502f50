/** The reference runtime's name and version, as `started` events and the runtime catalog give them. */
export const RUNTIME_NAME = "reference";
export const RUNTIME_VERSION = "0.1.0";
