import { OpenAPIHono } from "@hono/zod-openapi";
import { errorCodes, httpStatusByErrorCode } from "@infera/contracts";
import { permissionMatrix } from "@infera/core";
import { openApiDocument } from "../app.js";
import type { AppEnv } from "../http/app-env.js";
import { registerRoutes } from "../routes/index.js";

/** The reference documents generated from the contracts, the route list and the permission matrix. */
export function renderDocs(): Record<string, string> {
  const api = new OpenAPIHono<AppEnv>();
  registerRoutes(api, { secureCookies: false });
  const doc = openApiDocument(api) as {
    paths: Record<string, Record<string, { summary?: string; "x-infera-action"?: string }>>;
  };
  return {
    "docs/api/openapi.json": `${JSON.stringify(doc, null, 2)}\n`,
    "docs/api/routes.md": renderRoutes(doc),
    "docs/guide/permissions.md": renderPermissions(),
  };
}

function renderRoutes(doc: {
  paths: Record<string, Record<string, { summary?: string; "x-infera-action"?: string }>>;
}) {
  const rows: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths).sort(([a], [b]) => a.localeCompare(b))) {
    for (const [method, op] of Object.entries(ops)) {
      rows.push(
        `| ${method.toUpperCase()} | \`/api/v1${path}\` | \`${op["x-infera-action"] ?? ""}\` | ${op.summary ?? ""} |`,
      );
    }
  }
  return [
    "# API routes",
    "",
    "Generated from the route definitions by `npm run docs` — do not edit by hand. The full reference, with",
    "every schema, is `openapi.json` beside this file, served live at `/api/v1/openapi.json` and readable at",
    "`/api/v1/reference`. The action column is the permission-matrix entry that decides each route (see",
    "[permissions](../guide/permissions.md)).",
    "",
    "| method | path | action | what it does |",
    "|---|---|---|---|",
    ...rows,
    "",
    "## Errors",
    "",
    'Every error answers `{"error":{"code","message","details"?,"request_id"}}` with the HTTP status of',
    "its code. Anonymous calls to a route that is not public answer 401 whatever their input; a body that",
    "is not `application/json` (or `application/*+json`) answers 415; a write route that takes no body",
    "accepts none or `{}`. A well-formed request whose data cannot be used (a dataset version's invalid",
    "rows) answers 422 `unprocessable_content`; a malformed one answers 400 `validation_error`.",
    "",
    "| code | HTTP status |",
    "|---|---|",
    ...errorCodes.map((code) => `| \`${code}\` | ${httpStatusByErrorCode[code]} |`),
    "",
  ].join("\n");
}

const roleNames: Record<string, string> = {
  tenant_admin: "Tenant Admin",
  member: "Member",
  finance: "Finance",
  owner: "Owner",
  developer: "Developer",
  viewer: "Viewer",
};

function renderPermissions() {
  const rows = Object.entries(permissionMatrix).map(([action, rule]) => {
    const who =
      rule.scope === "authenticated"
        ? "anyone signed in"
        : rule.scope === "user"
          ? "any signed-in person (not a service account)"
          : rule.scope === "platform"
            ? "platform admin only"
            : [
                rule.tenantRoles?.length
                  ? `tenant: ${rule.tenantRoles.map((r) => roleNames[r]).join(", ")}`
                  : "",
                rule.projectRoles?.length
                  ? `project: ${rule.projectRoles.map((r) => roleNames[r]).join(", ")}`
                  : "",
                rule.membersIfTenantAllows ? "Members too when the tenant allows it" : "",
              ]
                .filter(Boolean)
                .join("; ");
    const notes = [
      rule.envPolicy
        ? `denied to ${rule.envPolicy.deniedRoles.join(", ")} when ${rule.envPolicy.policy} is in force`
        : "",
      rule.financeMasked ? "Finance sees content masked" : "",
    ]
      .filter(Boolean)
      .join("; ");
    return `| \`${action}\` | ${rule.description} | ${rule.scope} | ${who} | ${notes} |`;
  });
  return [
    "# Who may do what",
    "",
    "Generated from the permission matrix (`packages/core/src/authz/permission-matrix.ts`) by `npm run docs` —",
    "do not edit by hand.",
    "",
    "- **Roles.** Tenant roles: Tenant Admin, Member, Finance. Project roles: Owner, Developer, Viewer.",
    "  Service accounts carry a project role inside their own project and nothing outside it.",
    "- **Implied roles.** The platform admin may do everything. Tenant Admins act as Owners of every project",
    "  of their tenant. Finance can read every project of its tenant.",
    "- **Not found, not forbidden.** Asking about something you cannot see (another tenant's ids, a project",
    "  you are not in) answers 404; something you can see but may not change answers 403 with the reason.",
    "- **Env policies** (project settings) take permissions away in Prod projects, e.g. Viewers reading logs.",
    "- The console asks `GET /api/v1/auth/permissions?project_id=…` and hides or locks what would be refused.",
    "",
    "| action | what it allows | scope | who | conditions |",
    "|---|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}
