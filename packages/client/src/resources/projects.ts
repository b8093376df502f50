import {
  type CreateProjectInput,
  type DeleteProjectInput,
  type Env,
  Project,
  single,
  type UpdateProjectInput,
} from "@infera/contracts";
import type { z } from "zod";
import type { Transport } from "../http.js";
import { scopedListing, seg } from "../pagination.js";

export interface ProjectFilter {
  env?: Env;
  owner_id?: string;
}

export function projectsApi(t: Transport) {
  const tenantBase = (tenantId: string) => `/tenants/${seg(tenantId)}/projects`;
  return {
    /** `list(tenantId)`, `iterate(tenantId)`, `exportCsv(tenantId)`. */
    ...scopedListing<typeof Project, ProjectFilter>(t, tenantBase, Project),
    async create(tenantId: string, input: z.input<typeof CreateProjectInput>): Promise<Project> {
      return (await t.json("POST", tenantBase(tenantId), single(Project), { body: input })).data;
    },
    async get(projectId: string): Promise<Project> {
      return (await t.json("GET", `/projects/${seg(projectId)}`, single(Project))).data;
    },
    async update(projectId: string, input: z.input<typeof UpdateProjectInput>): Promise<Project> {
      return (await t.json("PATCH", `/projects/${seg(projectId)}`, single(Project), { body: input })).data;
    },
    /**
     * Deletes a project: `confirm_name` is its name, typed by the user. Without `cascade` a project
     * that still holds resources fails with `resource_in_use` and their list in `details`.
     */
    async delete(projectId: string, input: z.input<typeof DeleteProjectInput>): Promise<void> {
      await t.empty("DELETE", `/projects/${seg(projectId)}`, { body: input });
    },
  };
}
