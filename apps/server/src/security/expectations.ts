import { type Decision, decide, permissionMatrix } from "@infera/core";
import type { RouteEntry } from "../http/define-route.js";
import type { HttpClient, TestResponse } from "../testing/http.js";
import type { FixtureRequest, RouteFixture } from "./fixture.js";
import type { PrincipalName, Target, World } from "./world.js";

export const routeKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

/** Values of a registry path's `{param}`s in a concrete path, or null when it does not match. */
export function paramsOf(template: string, path: string): Record<string, string> | null {
  const want = template.split("/");
  const got = path.split("?")[0]!.split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, seg] of want.entries()) {
    const name = /^\{(\w+)\}$/.exec(seg)?.[1];
    if (name) params[name] = decodeURIComponent(got[i]!);
    else if (seg !== got[i]) return null;
  }
  return params;
}

/** Where authorize() decides: the fixture's explicit target, else the path's tenant/project ids. */
export function targetOf(route: RouteEntry, req: FixtureRequest): Target {
  if (req.target) return req.target;
  const params = paramsOf(route.path, req.path);
  if (!params) throw new Error(`fixture path ${req.path} does not match ${route.path}`);
  return {
    ...(params.tenantId ? { tenantId: params.tenantId } : {}),
    ...(params.projectId ? { projectId: params.projectId } : {}),
  };
}

/** The world's tenants keep the default settings and its projects are dev: no env policy denies. */
const worldContext = { tenantSettings: { members_can_create_projects: false } };

export interface Expected {
  status: number;
  code?: string;
  decision?: Decision;
}

/** What the permission matrix says `who` gets on this route and target. */
export function expectedFor(
  world: World,
  route: RouteEntry,
  fixture: RouteFixture,
  who: PrincipalName,
  target: Target,
): Expected {
  if (route.action === "public") return { status: fixture.success };
  if (who === "anonymous") return { status: 401, code: "unauthenticated" };
  const rule = permissionMatrix[route.action];
  if (!rule)
    throw new Error(`action ${route.action} of ${routeKey(route)} has no rule in the permission matrix`);
  const subject = world.subjectFor(who, target);
  if (!subject) return { status: 404, code: "not_found" };
  const decision = decide(rule, subject, worldContext);
  if (decision.allowed) return { status: fixture.success, decision };
  if (!decision.visible) return { status: 404, code: "not_found", decision };
  return { status: 403, code: "forbidden", decision };
}

export function send(client: HttpClient, route: RouteEntry, req: FixtureRequest): Promise<TestResponse> {
  const qs = req.query ? `?${new URLSearchParams(req.query)}` : "";
  return client.request(route.method, `${req.path}${qs}`, req.body, req.headers);
}

export function describeResponse(res: TestResponse): string {
  return `${res.status} ${res.text.slice(0, 300)}`;
}
