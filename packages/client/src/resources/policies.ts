import { ProjectPolicies, single, type UpdateProjectPoliciesInput } from "@infera/contracts";
import type { z } from "zod";
import type { Transport } from "../http.js";
import { seg } from "../pagination.js";

export function policiesApi(t: Transport) {
  const path = (projectId: string) => `/projects/${seg(projectId)}/policies`;
  return {
    /** The project's env policies and what is in force now. */
    async get(projectId: string): Promise<ProjectPolicies> {
      return (await t.json("GET", path(projectId), single(ProjectPolicies))).data;
    },
    /** Replaces every policy at once. */
    async update(
      projectId: string,
      input: z.input<typeof UpdateProjectPoliciesInput>,
    ): Promise<ProjectPolicies> {
      return (await t.json("PUT", path(projectId), single(ProjectPolicies), { body: input })).data;
    },
  };
}
