import type { Dependant } from "./api-error";

interface DependantKind {
  /** The dictionary key of the type's name. */
  label:
    | "dependantTypes.service_account"
    | "dependantTypes.model"
    | "dependantTypes.model_version"
    | "dependantTypes.model_tag";
  /** The console page, relative to the dependant's project. */
  page: (d: Dependant) => string;
}

/**
 * Where the console shows each kind of dependant a `409 resource_in_use` lists, by its `type`.
 * The server's `href` is an API path, not a page: a type missing here gets no link (the dialog
 * shows its type, name and id instead). Add a row when a resource gets its console page.
 */
const dependantKinds: Record<string, DependantKind> = {
  service_account: { label: "dependantTypes.service_account", page: () => "settings?tab=service-accounts" },
  model: { label: "dependantTypes.model", page: (d) => `models/${encodeURIComponent(d.id)}` },
  // A version's page is its model's, with the version drawer open: the route looks the model up.
  model_version: {
    label: "dependantTypes.model_version",
    page: (d) => `model-versions/${encodeURIComponent(d.id)}`,
  },
  // A tag's id is `model_id:tag`.
  model_tag: {
    label: "dependantTypes.model_tag",
    page: (d) => `models/${encodeURIComponent(d.id.split(":")[0] ?? "")}?tab=tags`,
  },
};

export function dependantKind(type: string): DependantKind | null {
  return Object.hasOwn(dependantKinds, type) ? (dependantKinds[type] ?? null) : null;
}

/** The console page of a dependant, or null when the console has none for its type. */
export function dependantPage(tenantId: string, d: Dependant): string | null {
  const kind = dependantKind(d.type);
  if (!kind || !d.project_id || !tenantId) return null;
  return `/t/${encodeURIComponent(tenantId)}/p/${encodeURIComponent(d.project_id)}/${kind.page(d)}`;
}
