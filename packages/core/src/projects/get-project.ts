import type { Project } from "@infera/contracts";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { notFound } from "../shared/errors.js";
import { loadProjectView } from "./to-project.js";

export async function getProject({
  ctx,
  projectId,
}: {
  ctx: ServiceContext;
  projectId: string;
}): Promise<Project> {
  const access = await authorize(ctx, "project.read", { projectId });
  const project = await loadProjectView(ctx.db, projectId, access.subject.projectRole);
  if (!project) throw notFound("project");
  return project;
}
