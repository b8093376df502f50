import { Command } from "commander";
import { usageError } from "../lib/cli-error.js";
import { printJson, say } from "../lib/output.js";

export interface MigrateDeps {
  /** Opens the database, applying pending migrations (wired by main.ts, the CLI's composition root). */
  openDatabase(opts: { url?: string; dataDir?: string }): Promise<{ engine: string; close(): Promise<void> }>;
}

/** `postgres://user:secret@host:5432/db` → `host:5432/db`: no credentials in the output. */
function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.host}${u.pathname}`;
}

export function migrateCommand(deps: MigrateDeps): Command {
  return new Command("migrate")
    .description(
      "apply the database migrations (DATABASE_URL, else the embedded database in INFERA_DATA_DIR) and exit",
    )
    .option("--json", "print JSON for scripts")
    .action(async (opts: { json?: boolean }) => {
      const { ConfigError, loadConfig } = await import("@infera/server");
      let config: ReturnType<typeof loadConfig>;
      try {
        config = loadConfig();
      } catch (err) {
        if (err instanceof ConfigError) throw usageError(err.message);
        throw err;
      }
      const { join } = await import("node:path");
      const target = config.databaseUrl
        ? { url: config.databaseUrl }
        : { dataDir: join(config.dataDir, "db") };
      const db = await deps.openDatabase(target);
      await db.close();
      const where = config.databaseUrl
        ? `PostgreSQL at ${describeUrl(config.databaseUrl)}`
        : `PGlite in ${target.dataDir}`;
      if (opts.json) printJson({ migrated: true, engine: db.engine, target: where });
      else say(`Database is up to date (${where}).`);
    });
}
