import {
  ApiKey,
  type ApiKeyListQuery,
  ApiKeyWithSecret,
  type CreateApiKeyInput,
  type RevokeApiKeyInput,
  type RotateApiKeyInput,
  single,
  type UpdateApiKeyInput,
} from "@infera/contracts";
import type { z } from "zod";
import type { Transport } from "../http.js";
import { scopedListing, seg } from "../pagination.js";

export function apiKeysApi(t: Transport) {
  const one = (keyId: string) => `/api-keys/${seg(keyId)}`;
  return {
    /** `list(projectId, {status, scope, expiring, q})`, `iterate`, `exportCsv`: a project's API keys, newest first. */
    ...scopedListing<typeof ApiKey, z.input<typeof ApiKeyListQuery>>(
      t,
      (projectId) => `/projects/${seg(projectId)}/api-keys`,
      ApiKey,
    ),
    /** Creates a key; the answer's `secret` is shown this once. */
    async create(projectId: string, input: z.input<typeof CreateApiKeyInput>): Promise<ApiKeyWithSecret> {
      const path = `/projects/${seg(projectId)}/api-keys`;
      return (await t.json("POST", path, single(ApiKeyWithSecret), { body: input })).data;
    },
    async get(keyId: string): Promise<ApiKey> {
      return (await t.json("GET", one(keyId), single(ApiKey))).data;
    },
    /** Changes the name, scopes, limits, expiry or note. */
    async update(keyId: string, input: z.input<typeof UpdateApiKeyInput>): Promise<ApiKey> {
      return (await t.json("PATCH", one(keyId), single(ApiKey), { body: input })).data;
    },
    /** A new key (and secret, shown this once) in place of this one, which is revoked unless `keep_old`. */
    async rotate(keyId: string, input: z.input<typeof RotateApiKeyInput> = {}): Promise<ApiKeyWithSecret> {
      return (await t.json("POST", `${one(keyId)}/rotate`, single(ApiKeyWithSecret), { body: input })).data;
    },
    /** Revokes the key for good; `confirm_name` is its name. */
    async revoke(keyId: string, input: RevokeApiKeyInput): Promise<ApiKey> {
      return (await t.json("POST", `${one(keyId)}/revoke`, single(ApiKey), { body: input })).data;
    },
  };
}
