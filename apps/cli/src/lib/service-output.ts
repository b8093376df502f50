import type { Service, ServiceDetail } from "@infera/contracts";
import { fmtDuration } from "./job-output.js";
import { fmtTime, printTable, say } from "./output.js";

/** `r2 80%, r3 20%`: the split by revision number. */
export function trafficText(service: Service | ServiceDetail): string {
  const numbers =
    "revisions" in service
      ? new Map(service.revisions.map((r) => [r.id, r.number]))
      : new Map<string, number>();
  const parts = service.traffic
    .filter((t) => t.percent > 0)
    .map(
      (t) => `${numbers.has(t.revision_id) ? `r${numbers.get(t.revision_id)}` : t.revision_id} ${t.percent}%`,
    );
  return parts.join(", ") || "no traffic";
}

/** A service in a few lines, its revisions and replicas as tables. */
export function printService(s: ServiceDetail): void {
  const rows: [string, string][] = [
    ["service", `${s.name} (${s.id})`],
    ["project", `${s.project_id}, env ${s.env}`],
    ["state", `${s.current_state} (desired ${s.desired_state})`],
    ["exposure", `${s.exposure}${s.ip_allow_list.length ? `, allow ${s.ip_allow_list.join(" ")}` : ""}`],
    ["traffic", trafficText(s)],
    ["created", `${fmtTime(s.created_at)}${s.created_by ? ` by ${s.created_by}` : ""}`],
  ];
  if (s.description) rows.splice(1, 0, ["description", s.description]);
  const w = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) say(`${k.padEnd(w)}  ${v}`);
  say();
  printTable(
    ["rev", "id", "state", "for", "traffic", "model version", "runtime", "why"],
    [...s.revisions]
      .sort((a, b) => b.number - a.number)
      .map((r) => [
        `r${r.number}`,
        r.id,
        r.current_state,
        fmtDuration(Date.now() - Date.parse(r.state_since)),
        `${r.traffic_percent}%`,
        r.model_version_id,
        r.runtime,
        r.failure_reason ?? r.wait_reason ?? "",
      ]),
  );
  if (s.replicas.length) {
    say();
    const numbers = new Map(s.revisions.map((r) => [r.id, r.number]));
    printTable(
      ["replica", "rev", "node", "state", "restarts", "last error"],
      s.replicas.map((r) => [
        r.id,
        `r${numbers.get(r.revision_id) ?? "?"}`,
        r.node_id,
        r.state,
        r.restart_count,
        r.last_error ?? "",
      ]),
    );
  }
}
