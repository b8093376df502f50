import {
  type AddMemberInput,
  ProjectMember,
  type ProjectRole,
  single,
  type UpdateMemberInput,
} from "@infera/contracts";
import type { z } from "zod";
import type { Transport } from "../http.js";
import { scopedListing, seg } from "../pagination.js";

export interface MemberFilter {
  role?: ProjectRole;
}

export function membersApi(t: Transport) {
  const base = (projectId: string) => `/projects/${seg(projectId)}/members`;
  return {
    /** `list(projectId)`, `iterate(projectId)`, `exportCsv(projectId)`. */
    ...scopedListing<typeof ProjectMember, MemberFilter>(t, base, ProjectMember),
    /** Adds a tenant user (by `user_id` or `email`) with a role. */
    async add(projectId: string, input: z.input<typeof AddMemberInput>): Promise<ProjectMember> {
      return (await t.json("POST", base(projectId), single(ProjectMember), { body: input })).data;
    },
    /** Changes a member's role; demoting the last Owner fails with `conflict`. */
    async update(
      projectId: string,
      userId: string,
      input: z.input<typeof UpdateMemberInput>,
    ): Promise<ProjectMember> {
      const path = `${base(projectId)}/${seg(userId)}`;
      return (await t.json("PATCH", path, single(ProjectMember), { body: input })).data;
    },
    /** Removes a member; removing the last Owner fails with `conflict`. */
    async remove(projectId: string, userId: string): Promise<void> {
      await t.empty("DELETE", `${base(projectId)}/${seg(userId)}`);
    },
  };
}
