import type { LocaleShape } from "../types";
import type { serviceLogsZhCN } from "./service-logs.zh-CN";

export const serviceLogsEnUS: LocaleShape<typeof serviceLogsZhCN> = {
  revision: "Revision",
  allRevisions: "All revisions",
  revisionN: "r{{number}}",
  replica: "Replica",
  allReplicas: "All replicas",
  level: "Level",
  allLevels: "All levels",
  levels: { debug: "DEBUG and above", info: "INFO and above", warn: "WARN and above", error: "ERROR" },
  timeRange: "Time range",
  ranges: {
    "15m": "Last 15 minutes",
    "1h": "Last hour",
    "6h": "Last 6 hours",
    "24h": "Last 24 hours",
    all: "All time",
  },
  search: "Search the lines",
  live: "Live",
  pause: "Pause",
  resume: "Resume",
  resumeWithNew: "Resume ({{count}} new lines)",
  download: "Download",
  loadOlder: "Load older lines",
  lines: "Log lines",
  empty: "No lines match the filters.",
  count: "{{count}} lines loaded",
  policy: {
    title: "Viewers see no logs in this Prod project",
    description:
      "The project's env policy {{policy}} is on: Viewers cannot read service logs (they may hold prompts and answers). Ask an Owner or Developer, or have an Owner turn the policy off in the project's settings.",
  },
};
