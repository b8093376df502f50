import type { ApiKey } from "@infera/contracts";
import type { ServiceContext } from "../shared/context.js";
import { authorizeApiKey, toApiKey } from "./api-key-access.js";

export async function getApiKey({ ctx, keyId }: { ctx: ServiceContext; keyId: string }): Promise<ApiKey> {
  const { key } = await authorizeApiKey(ctx, "api_key.read", keyId);
  return toApiKey(key, ctx.now());
}
