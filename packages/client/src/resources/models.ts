import {
  type CreateModelInput,
  type CreateModelVersionInput,
  type CreateSystemModelInput,
  Dependant,
  listOf,
  Model,
  type ModelListQuery,
  ModelTag,
  ModelTagHistoryEntry,
  ModelVersion,
  type ModelVersionListQuery,
  ResolvedModelRef,
  type RollbackModelTagInput,
  type SetModelTagInput,
  single,
  TagMoveResult,
  type UpdateModelInput,
} from "@infera/contracts";
import { z } from "zod";
import type { Transport } from "../http.js";
import { scopedListing, seg } from "../pagination.js";

export type ModelFilter = ModelListQuery;
export type ModelVersionFilter = ModelVersionListQuery;

/** The dependants of a model (the same shape a `resource_in_use` error lists). */
const ModelUsage = z.object({ dependants: z.array(Dependant) });
export type ModelUsage = z.infer<typeof ModelUsage>;

const tagPath = (modelId: string, tag: string) => `/models/${seg(modelId)}/tags/${seg(tag)}`;

/** The model registry: models, their immutable versions, and tags that point at versions. */
export function modelsApi(t: Transport) {
  const projectBase = (projectId: string) => `/projects/${seg(projectId)}/models`;
  return {
    /** `list(projectId)`: what the project may use (system, tenant-shared and its own). */
    ...scopedListing<typeof Model, ModelFilter>(t, projectBase, Model),
    async create(projectId: string, input: z.input<typeof CreateModelInput>): Promise<Model> {
      return (await t.json("POST", projectBase(projectId), single(Model), { body: input })).data;
    },
    /** A platform-owned model visible to every tenant (platform admin). */
    async createSystem(input: z.input<typeof CreateSystemModelInput>): Promise<Model> {
      return (await t.json("POST", "/models", single(Model), { body: input })).data;
    },
    async get(modelId: string): Promise<Model> {
      return (await t.json("GET", `/models/${seg(modelId)}`, single(Model))).data;
    },
    async update(modelId: string, input: z.input<typeof UpdateModelInput>): Promise<Model> {
      return (await t.json("PATCH", `/models/${seg(modelId)}`, single(Model), { body: input })).data;
    },
    /** Fails with `resource_in_use` (dependants in `details`) while something references it. */
    async delete(modelId: string): Promise<void> {
      await t.empty("DELETE", `/models/${seg(modelId)}`);
    },
    /** A tag or version id of the model → the version id it names now. */
    async resolve(modelId: string, ref: string): Promise<ResolvedModelRef> {
      return (
        await t.json("GET", `/models/${seg(modelId)}/resolve`, single(ResolvedModelRef), { query: { ref } })
      ).data;
    },
    /** What references the model or its versions now (what a delete would answer `resource_in_use` with). */
    async usage(modelId: string): Promise<ModelUsage> {
      return (await t.json("GET", `/models/${seg(modelId)}/usage`, single(ModelUsage))).data;
    },
    versions: {
      /** `list(modelId)`, `iterate(modelId)`, `exportCsv(modelId)`, `exportJson(modelId)`. */
      ...scopedListing<typeof ModelVersion, ModelVersionFilter>(
        t,
        (modelId) => `/models/${seg(modelId)}/versions`,
        ModelVersion,
      ),
      /** Files come from finished uploads (`upload_id`) or blobs already stored (`sha256`). */
      async create(modelId: string, input: z.input<typeof CreateModelVersionInput>): Promise<ModelVersion> {
        return (
          await t.json("POST", `/models/${seg(modelId)}/versions`, single(ModelVersion), { body: input })
        ).data;
      },
      async get(versionId: string): Promise<ModelVersion> {
        return (await t.json("GET", `/model-versions/${seg(versionId)}`, single(ModelVersion))).data;
      },
      async delete(versionId: string): Promise<void> {
        await t.empty("DELETE", `/model-versions/${seg(versionId)}`);
      },
      /** The URL of a file's bytes (supports HTTP Range), for a download link or a streaming fetch. */
      fileUrl(versionId: string, path: string): string {
        // One path segment: the file's own slashes are encoded (%2F).
        return `${t.baseUrl}/api/v1/model-versions/${seg(versionId)}/files/${seg(path)}`;
      },
    },
    tags: {
      async list(modelId: string): Promise<ModelTag[]> {
        return (await t.json("GET", `/models/${seg(modelId)}/tags`, z.object({ data: z.array(ModelTag) })))
          .data;
      },
      /** Promote: point a tag at a version. `dry_run` answers current vs target and the gates only. */
      async set(
        modelId: string,
        tag: string,
        input: z.input<typeof SetModelTagInput>,
      ): Promise<TagMoveResult> {
        return (await t.json("PUT", tagPath(modelId, tag), single(TagMoveResult), { body: input })).data;
      },
      async delete(modelId: string, tag: string): Promise<void> {
        await t.empty("DELETE", tagPath(modelId, tag));
      },
      async history(
        modelId: string,
        tag: string,
        query?: { limit?: number; cursor?: string },
      ): Promise<{ data: ModelTagHistoryEntry[]; next_cursor: string | null }> {
        return t.json("GET", `${tagPath(modelId, tag)}/history`, listOf(ModelTagHistoryEntry), { query });
      },
      async rollback(
        modelId: string,
        tag: string,
        input: z.input<typeof RollbackModelTagInput>,
      ): Promise<TagMoveResult> {
        return (
          await t.json("POST", `${tagPath(modelId, tag)}/rollback`, single(TagMoveResult), { body: input })
        ).data;
      },
    },
  };
}
