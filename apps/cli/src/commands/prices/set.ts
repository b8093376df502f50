import { Command, InvalidArgumentError } from "commander";
import { usageError } from "../../lib/cli-error.js";
import { connect } from "../../lib/connection.js";
import { withConnection, withTenant } from "../../lib/options.js";
import { printJson, printTable } from "../../lib/output.js";
import { resolveTenant } from "../../lib/scope.js";
import { PRICE_HEAD, priceRow } from "../../lib/usage-output.js";

interface SetOptions {
  url?: string;
  json?: boolean;
  tenant?: string;
  input?: number;
  output?: number;
  perHour?: number;
}

function amount(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0)
    throw new InvalidArgumentError("must be a number ≥ 0");
  return n;
}

export function pricesSetCommand(): Command {
  return withTenant(withConnection(new Command("set")))
    .description(
      "price a model version (mv_…, per million tokens) or a resource class (its name, per hour); tenant admins only",
    )
    .argument("<subject>", "a model version id (mv_…) or a resource class name (cpu-2)")
    .option("--input <amount>", "per million prompt tokens (model versions)", amount)
    .option("--output <amount>", "per million completion tokens (model versions)", amount)
    .option("--per-hour <amount>", "per hour of a replica (resource classes)", amount)
    .action(async (subject: string, opts: SetOptions) => {
      const { client } = connect(opts);
      const tenant = await resolveTenant(client, opts.tenant);
      const isVersion = /^mv_/.test(subject);
      if (isVersion && opts.input === undefined && opts.output === undefined)
        throw usageError("a model version is priced with --input and/or --output (per million tokens)");
      if (!isVersion && opts.perHour === undefined)
        throw usageError("a resource class is priced with --per-hour");
      const price = await client.prices.set(
        tenant.id,
        isVersion
          ? {
              subject_kind: "model_version",
              subject_id: subject,
              input_per_million: opts.input ?? null,
              output_per_million: opts.output ?? null,
            }
          : { subject_kind: "resource_class", subject_id: subject, per_hour: opts.perHour ?? null },
      );
      if (opts.json) return printJson(price);
      printTable(PRICE_HEAD, [priceRow(price)]);
    });
}
