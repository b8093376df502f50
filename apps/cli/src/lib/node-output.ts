import { InferaApiError, type InferaClient } from "@infera/client";
import type { ComputeNode } from "@infera/contracts";
import { CliError } from "./cli-error.js";
import { fmtTime } from "./output.js";
import { fmtBytes } from "./progress.js";

/**
 * The nodes, for the platform admin only: a 403 says so plainly (the API's reason follows), since
 * `admin …` is the one command group a project member cannot use at all.
 */
export async function listNodes(client: InferaClient): Promise<ComputeNode[]> {
  try {
    return await client.nodes.list();
  } catch (err) {
    if (err instanceof InferaApiError && err.code === "forbidden")
      throw new CliError("forbidden", `only the platform admin manages nodes (${err.message})`);
    throw err;
  }
}

/** A node by id (node_…) or by name, from the list (the API addresses nodes by id). */
export async function findNode(client: InferaClient, ref: string): Promise<ComputeNode> {
  const nodes = await listNodes(client);
  const node = nodes.find((n) => n.id === ref) ?? nodes.find((n) => n.name === ref);
  if (!node)
    throw new CliError(
      "not_found",
      `no node ${ref}; the nodes are ${nodes.map((n) => n.name).join(", ") || "none yet"}`,
    );
  return node;
}

export const gpusText = (n: ComputeNode) =>
  n.gpus.length === 0
    ? "none"
    : `${n.free.gpu_indices.length}/${n.gpus.length} free (${n.gpus.map((g) => `${g.index}: ${g.model}${g.memory_bytes ? ` ${fmtBytes(g.memory_bytes)}` : ""}`).join(", ")})`;

/** A row of `admin nodes list`. */
export const nodeRow = (n: ComputeNode) => [
  n.name,
  n.roles.join(", "),
  n.cpus,
  fmtBytes(n.memory_bytes),
  n.gpus.length,
  n.status,
  n.draining ? "draining" : "",
  n.running_jobs,
  fmtTime(n.last_seen_at),
];
export const NODE_HEAD = [
  "name",
  "roles",
  "cpus",
  "memory",
  "gpus",
  "status",
  "draining",
  "jobs",
  "last seen",
];

/** `admin nodes show` and what drain/undrain answer: one node, field by field. */
export function nodeLines(n: ComputeNode): [string, string][] {
  return [
    ["node", `${n.name} (${n.id})`],
    ["status", `${n.status}${n.draining ? ", draining: no new jobs are placed on it" : ""}`],
    ["roles", n.roles.join(", ")],
    ["version", n.version],
    ["cpus", `${n.cpus} (${n.free.cpus} free)`],
    ["memory", `${fmtBytes(n.memory_bytes)} (${fmtBytes(n.free.memory_bytes)} free)`],
    ["gpus", gpusText(n)],
    ["jobs running", String(n.running_jobs)],
    [
      "labels",
      Object.entries(n.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(", "),
    ],
    ["started", fmtTime(n.started_at)],
    ["last seen", fmtTime(n.last_seen_at)],
  ];
}
