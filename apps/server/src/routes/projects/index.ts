import type { Api } from "../../http/api.js";
import { registerCreateProject } from "./create-project.js";
import { registerDeleteProject } from "./delete-project.js";
import { registerGetProject } from "./get-project.js";
import { registerListProjects } from "./list-projects.js";
import { registerUpdateProject } from "./update-project.js";

/** In this order: Hono matches, and the OpenAPI document lists, in registration order (decision 0011). */
export function registerProjectRoutes(app: Api) {
  registerListProjects(app);
  registerCreateProject(app);
  registerGetProject(app);
  registerUpdateProject(app);
  registerDeleteProject(app);
}
