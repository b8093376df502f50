import { type ClientOptions, Transport } from "./http.js";
import { apiKeysApi } from "./resources/api-keys.js";
import { auditApi } from "./resources/audit.js";
import { authApi } from "./resources/auth.js";
import { datasetsApi } from "./resources/datasets.js";
import { evaluationsApi } from "./resources/evaluations.js";
import { fineTuningApi } from "./resources/fine-tuning.js";
import { invitationsApi } from "./resources/invitations.js";
import { membersApi } from "./resources/members.js";
import { modelsApi } from "./resources/models.js";
import { nodesApi } from "./resources/nodes.js";
import { notificationsApi } from "./resources/notifications.js";
import { policiesApi } from "./resources/policies.js";
import { pricesApi } from "./resources/prices.js";
import { projectsApi } from "./resources/projects.js";
import { serviceAccountsApi } from "./resources/service-accounts.js";
import { servicesApi } from "./resources/services.js";
import { tenantUsersApi } from "./resources/tenant-users.js";
import { tenantsApi } from "./resources/tenants.js";
import { uploadsApi } from "./resources/uploads.js";
import { usageApi } from "./resources/usage.js";
import { webhooksApi } from "./resources/webhooks.js";

/**
 * A typed client of the control-plane API (`/api/v1`). Every answer is checked against its contract
 * schema; every failure is an `InferaApiError`. Works in browsers (cookies are sent; writes carry
 * the CSRF token) and in Node (bearer token).
 */
export function createClient(opts: ClientOptions) {
  const t = new Transport(opts);
  return {
    baseUrl: t.baseUrl,
    auth: authApi(t),
    tenants: tenantsApi(t),
    tenantUsers: tenantUsersApi(t),
    invitations: invitationsApi(t),
    projects: projectsApi(t),
    members: membersApi(t),
    serviceAccounts: serviceAccountsApi(t),
    policies: policiesApi(t),
    models: modelsApi(t),
    datasets: datasetsApi(t),
    fineTuning: fineTuningApi(t),
    uploads: uploadsApi(t, opts.headers ?? {}),
    audit: auditApi(t),
    notifications: notificationsApi(t),
    nodes: nodesApi(t),
    webhooks: webhooksApi(t),
    apiKeys: apiKeysApi(t),
    services: servicesApi(t),
    usage: usageApi(t),
    evaluations: evaluationsApi(t),
    prices: pricesApi(t),
    /** The bearer token in use (set by `auth.login({ issue_token: true })`). */
    get token(): string | undefined {
      return t.token;
    },
    setToken(token: string | undefined) {
      t.token = token;
    },
    /** The CSRF token sent on writes of a cookie session. */
    get csrfToken(): string | undefined {
      return t.csrfToken;
    },
    setCsrfToken(csrfToken: string | undefined) {
      t.csrfToken = csrfToken;
    },
  };
}

export type InferaClient = ReturnType<typeof createClient>;
