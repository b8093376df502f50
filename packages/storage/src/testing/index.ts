export { blobStoreContract, type ContractHarness } from "./blob-store-contract.js";
export { type RunningS3rver, startS3rver } from "./s3rver.js";
