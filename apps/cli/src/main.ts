import { InferaApiError } from "@infera/client";
import { Command, CommanderError } from "commander";
import pc from "picocolors";
import { auditAnchorCommand } from "./commands/audit/anchor.js";
import { auditListCommand } from "./commands/audit/list.js";
import { auditShowCommand } from "./commands/audit/show.js";
import { auditVerifyCommand } from "./commands/audit/verify.js";
import { loginCommand } from "./commands/auth/login.js";
import { logoutCommand } from "./commands/auth/logout.js";
import { useCommand } from "./commands/auth/use.js";
import { whoamiCommand } from "./commands/auth/whoami.js";
import { chatCommand } from "./commands/chat/send.js";
import { datasetsDownloadCommand } from "./commands/datasets/download.js";
import { datasetsListCommand } from "./commands/datasets/list.js";
import { datasetsShowCommand } from "./commands/datasets/show.js";
import { datasetsUploadCommand } from "./commands/datasets/upload.js";
import { evalBenchmarksCommand } from "./commands/eval/benchmarks.js";
import { evalCancelCommand } from "./commands/eval/cancel.js";
import { evalCompareCommand } from "./commands/eval/compare.js";
import { evalCreateCommand } from "./commands/eval/create.js";
import { evalExportCommand } from "./commands/eval/export.js";
import { evalGateRulesCommand } from "./commands/eval/gate-rules.js";
import { evalListCommand } from "./commands/eval/list.js";
import { evalPreferencesCommand } from "./commands/eval/preferences.js";
import { evalRateCommand } from "./commands/eval/rate.js";
import { evalRerunCommand } from "./commands/eval/rerun.js";
import { evalShowCommand } from "./commands/eval/show.js";
import { evalWatchCommand } from "./commands/eval/watch.js";
import { finetuneCancelCommand } from "./commands/finetune/cancel.js";
import { finetuneCloneCommand } from "./commands/finetune/clone.js";
import { finetuneConfigCommand } from "./commands/finetune/config.js";
import { finetuneCreateCommand } from "./commands/finetune/create.js";
import { finetuneDeleteCommand } from "./commands/finetune/delete.js";
import { finetuneDownloadCommand } from "./commands/finetune/download.js";
import { finetuneListCommand } from "./commands/finetune/list.js";
import { finetuneLogsCommand } from "./commands/finetune/logs.js";
import { finetuneResourceClassesCommand } from "./commands/finetune/resource-classes.js";
import { finetuneRetryCommand } from "./commands/finetune/retry.js";
import { finetuneShowCommand } from "./commands/finetune/show.js";
import { finetuneTemplatesCreateCommand } from "./commands/finetune/templates/create.js";
import { finetuneTemplatesDeleteCommand } from "./commands/finetune/templates/delete.js";
import { finetuneTemplatesListCommand } from "./commands/finetune/templates/list.js";
import { finetuneTemplatesShowCommand } from "./commands/finetune/templates/show.js";
import { finetuneValidateCommand } from "./commands/finetune/validate.js";
import { finetuneWatchCommand } from "./commands/finetune/watch.js";
import { keysCreateCommand } from "./commands/keys/create.js";
import { keysListCommand } from "./commands/keys/list.js";
import { keysRevokeCommand } from "./commands/keys/revoke.js";
import { keysRotateCommand } from "./commands/keys/rotate.js";
import { keysShowCommand } from "./commands/keys/show.js";
import { keysUpdateCommand } from "./commands/keys/update.js";
import { membersAddCommand } from "./commands/members/add.js";
import { membersListCommand } from "./commands/members/list.js";
import { membersRemoveCommand } from "./commands/members/remove.js";
import { membersUpdateCommand } from "./commands/members/update.js";
import { migrateCommand } from "./commands/migrate.js";
import { modelsCreateCommand } from "./commands/models/create.js";
import { modelsDownloadCommand } from "./commands/models/download.js";
import { modelsListCommand } from "./commands/models/list.js";
import { modelsShowCommand } from "./commands/models/show.js";
import { modelsTagCommand } from "./commands/models/tag.js";
import { modelsUploadCommand } from "./commands/models/upload.js";
import { modelsVersionsCommand } from "./commands/models/versions.js";
import { nodesDrainCommand } from "./commands/nodes/drain.js";
import { nodesListCommand } from "./commands/nodes/list.js";
import { nodesShowCommand } from "./commands/nodes/show.js";
import { pricesDeleteCommand } from "./commands/prices/delete.js";
import { pricesListCommand } from "./commands/prices/list.js";
import { pricesSetCommand } from "./commands/prices/set.js";
import { projectsCreateCommand } from "./commands/projects/create.js";
import { projectsDeleteCommand } from "./commands/projects/delete.js";
import { projectsListCommand } from "./commands/projects/list.js";
import { serveCommand } from "./commands/serve.js";
import { servicesCreateCommand } from "./commands/services/create.js";
import { servicesDeleteCommand } from "./commands/services/delete.js";
import { servicesDeployCommand } from "./commands/services/deploy.js";
import { servicesListCommand } from "./commands/services/list.js";
import { servicesLogsCommand } from "./commands/services/logs.js";
import { servicesRollbackCommand } from "./commands/services/rollback.js";
import { servicesShowCommand } from "./commands/services/show.js";
import { servicesStartCommand } from "./commands/services/start.js";
import { servicesStopCommand } from "./commands/services/stop.js";
import { servicesTrafficCommand } from "./commands/services/traffic.js";
import { tenantsListCommand } from "./commands/tenants/list.js";
import { upCommand } from "./commands/up.js";
import { usageCommand } from "./commands/usage/show.js";
import { CliError } from "./lib/cli-error.js";
import { EXIT_USAGE, exitCodeByErrorCode, exitCodeHelp } from "./lib/exit-codes.js";

/** The composition root: the only CLI file that reaches the database package (and only for migrate). */
export function buildProgram(): Command {
  const program = new Command("infera")
    .description("Infera: datasets, models, fine-tuning, serving, keys and audit on your own machines")
    .version("0.1.0")
    .showSuggestionAfterError()
    .addHelpText(
      "after",
      `\nEnvironment: INFERA_URL (server), INFERA_TOKEN (bearer token; over the stored login),\nXDG_CONFIG_HOME (logins are kept in $XDG_CONFIG_HOME/infera/config.json, else ~/.config/infera).\n\n${exitCodeHelp}\n`,
    );

  program.addCommand(upCommand());
  program.addCommand(serveCommand());
  program.addCommand(
    migrateCommand({ openDatabase: async (opts) => (await import("@infera/db")).openDatabase(opts) }),
  );
  program.addCommand(loginCommand());
  program.addCommand(logoutCommand());
  program.addCommand(whoamiCommand());
  program.addCommand(useCommand());

  program.command("tenants").description("tenants you belong to").addCommand(tenantsListCommand());
  const projects = program.command("projects").description("projects of a tenant");
  projects.addCommand(projectsListCommand());
  projects.addCommand(projectsCreateCommand());
  projects.addCommand(projectsDeleteCommand());
  const members = program.command("members").description("members of a project and their roles");
  members.addCommand(membersListCommand());
  members.addCommand(membersAddCommand());
  members.addCommand(membersUpdateCommand());
  members.addCommand(membersRemoveCommand());
  const models = program.command("models").description("the model registry: models, versions, tags");
  models.addCommand(modelsListCommand());
  models.addCommand(modelsCreateCommand());
  models.addCommand(modelsUploadCommand());
  models.addCommand(modelsVersionsCommand());
  models.addCommand(modelsShowCommand());
  models.addCommand(modelsTagCommand());
  models.addCommand(modelsDownloadCommand());
  const datasets = program
    .command("datasets")
    .description("versioned datasets: JSONL validated line by line");
  datasets.addCommand(datasetsListCommand());
  datasets.addCommand(datasetsUploadCommand());
  datasets.addCommand(datasetsShowCommand());
  datasets.addCommand(datasetsDownloadCommand());
  const finetune = program
    .command("finetune")
    .description(
      "fine-tuning jobs: submit, follow, cancel, retry, clone, download, export their configuration; templates",
    );
  finetune.addCommand(finetuneCreateCommand());
  finetune.addCommand(finetuneValidateCommand());
  finetune.addCommand(finetuneListCommand());
  finetune.addCommand(finetuneShowCommand());
  finetune.addCommand(finetuneWatchCommand());
  finetune.addCommand(finetuneLogsCommand());
  finetune.addCommand(finetuneDownloadCommand());
  finetune.addCommand(finetuneCancelCommand());
  finetune.addCommand(finetuneRetryCommand());
  finetune.addCommand(finetuneCloneCommand());
  finetune.addCommand(finetuneDeleteCommand());
  finetune.addCommand(finetuneConfigCommand());
  finetune.addCommand(finetuneResourceClassesCommand());
  const templates = finetune
    .command("templates")
    .description("saved job configurations of a project (`infera finetune create --template <name>`)");
  templates.addCommand(finetuneTemplatesListCommand());
  templates.addCommand(finetuneTemplatesShowCommand());
  templates.addCommand(finetuneTemplatesCreateCommand());
  templates.addCommand(finetuneTemplatesDeleteCommand());
  const evaluations = program
    .command("eval")
    .description(
      "evaluation runs: automatic metrics with intervals, side-by-side rating, gates that decide promotion to prod",
    );
  evaluations.addCommand(evalCreateCommand());
  evaluations.addCommand(evalListCommand());
  evaluations.addCommand(evalShowCommand());
  evaluations.addCommand(evalWatchCommand());
  evaluations.addCommand(evalCompareCommand());
  evaluations.addCommand(evalExportCommand());
  evaluations.addCommand(evalRateCommand());
  evaluations.addCommand(evalPreferencesCommand());
  evaluations.addCommand(evalCancelCommand());
  evaluations.addCommand(evalRerunCommand());
  evaluations.addCommand(evalGateRulesCommand());
  evaluations.addCommand(evalBenchmarksCommand());
  const keys = program
    .command("keys")
    .description("API keys for the gateway: create (secret shown once), list, show, update, rotate, revoke");
  keys.addCommand(keysCreateCommand());
  keys.addCommand(keysListCommand());
  keys.addCommand(keysShowCommand());
  keys.addCommand(keysUpdateCommand());
  keys.addCommand(keysRotateCommand());
  keys.addCommand(keysRevokeCommand());
  program.addCommand(usageCommand());
  program.addCommand(chatCommand());
  const prices = program
    .command("prices")
    .description("the tenant's price table that cost estimates come from: list, set, delete");
  prices.addCommand(pricesListCommand());
  prices.addCommand(pricesSetCommand());
  prices.addCommand(pricesDeleteCommand());

  const services = program
    .command("services")
    .description(
      "inference services: create, deploy revisions, move traffic, roll back, start, stop, read their replicas' logs",
    );
  services.addCommand(servicesCreateCommand());
  services.addCommand(servicesListCommand());
  services.addCommand(servicesShowCommand());
  services.addCommand(servicesDeployCommand());
  services.addCommand(servicesTrafficCommand());
  services.addCommand(servicesRollbackCommand());
  services.addCommand(servicesStartCommand());
  services.addCommand(servicesStopCommand());
  services.addCommand(servicesLogsCommand());
  services.addCommand(servicesDeleteCommand());
  const audit = program.command("audit").description("the tamper-evident audit log");
  audit.addCommand(auditListCommand());
  audit.addCommand(auditShowCommand());
  audit.addCommand(auditVerifyCommand());
  audit.addCommand(auditAnchorCommand());
  const admin = program.command("admin").description("platform administration (the platform admin only)");
  const nodes = admin
    .command("nodes")
    .description("the machines that run work: list, show, drain and put back in service");
  nodes.addCommand(nodesListCommand());
  nodes.addCommand(nodesShowCommand());
  nodes.addCommand(nodesDrainCommand(true));
  nodes.addCommand(nodesDrainCommand(false));

  // Usage errors exit 2 instead of commander's 1, and help or --version exit 0.
  const exitOverride = (cmd: Command) => {
    cmd.exitOverride();
    cmd.commands.forEach(exitOverride);
  };
  exitOverride(program);
  return program;
}

function describeDetails(details: unknown): string[] {
  const d = details as
    | {
        fields?: { path: string; message: string }[];
        dependants?: { type: string; id: string; name: string }[];
      }
    | undefined;
  const lines: string[] = [];
  for (const f of d?.fields ?? []) lines.push(`  - ${f.path || "(body)"}: ${f.message}`);
  for (const dep of d?.dependants ?? []) lines.push(`  - ${dep.type} ${dep.name} (${dep.id})`);
  return lines;
}

/** Prints an error (JSON on stderr with --json) and answers the exit status of its code. */
export function reportError(err: unknown, json: boolean): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT_USAGE;
  let code: keyof typeof exitCodeByErrorCode = "internal";
  let message = err instanceof Error ? err.message : String(err);
  let details: unknown;
  let requestId: string | null = null;
  if (err instanceof InferaApiError) {
    ({ code, details, requestId } = err);
  } else if (err instanceof CliError) {
    ({ code, details } = err);
  } else if (
    ["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH"].includes((err as NodeJS.ErrnoException)?.code ?? "")
  ) {
    code = "service_unavailable";
  } else if (process.env.INFERA_DEBUG && err instanceof Error && err.stack) {
    message = err.stack;
  }
  if (json) {
    const body = { code, message, ...(details !== undefined ? { details } : {}), request_id: requestId };
    process.stderr.write(`${JSON.stringify({ error: body })}\n`);
  } else {
    process.stderr.write(`${pc.red("error:")} ${message}\n`);
    for (const line of describeDetails(details)) process.stderr.write(`${line}\n`);
    process.stderr.write(pc.dim(`  (${code}${requestId ? `, request id ${requestId}` : ""})\n`));
  }
  return err instanceof CliError && err.exitCode !== undefined ? err.exitCode : exitCodeByErrorCode[code];
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (err) {
    return reportError(err, argv.includes("--json"));
  }
}

// A reader that stops early (`infera audit list | head`) closes the pipe: stop quietly, as
// Unix tools do, instead of dying on an unhandled EPIPE with a stack trace.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw err;
});

process.exitCode = await main(process.argv);
