/** Import boundaries of CONVENTIONS.md ("Who may import what"), enforced instead of remembered. */
module.exports = {
  forbidden: [
    {
      name: "contracts-only-zod",
      comment: "contracts is browser-safe: it imports zod and nothing else of ours",
      severity: "error",
      from: { path: "^packages/contracts/" },
      to: { path: "^(packages|apps)/", pathNot: "^packages/contracts/" },
    },
    {
      name: "only-core-and-testing-import-db",
      comment: "every business rule lives in core; routes, jobs and commands call core verbs, never db",
      severity: "error",
      from: {
        path: "^(apps|packages/(client|contracts|dataset-validation|storage|executors|runtimes|tokenizers))/",
        // main.ts wires the database; a test may read or tamper with rows to check what a verb wrote.
        pathNot: ["^apps/[^/]+/src/main\\.ts$", "\\.test\\.ts$"],
      },
      to: { path: "^packages/db/" },
    },
    {
      name: "no-driver-outside-db",
      comment: "db is the only package that imports a database driver",
      severity: "error",
      from: { path: "^(apps|packages)/", pathNot: "^packages/db/" },
      to: { path: "node_modules/(pg|@electric-sql/pglite|drizzle-orm)/" },
    },
    {
      name: "clients-import-contracts-and-client-only",
      comment: "web and cli talk to the server through the typed client",
      severity: "error",
      from: {
        path: "^apps/(web|cli)/",
        pathNot: [
          "^apps/cli/src/(commands/(up|serve|migrate)\\.ts|main\\.ts)$",
          "^apps/web/e2e/.*\\.e2e\\.test\\.ts$",
        ],
      },
      to: { path: "^(packages/(core|db|testing|storage|executors|runtimes)|apps/server)/" },
    },
    {
      name: "web-e2e-imports-server-testing-only",
      comment:
        "the browser journeys drive the console, but may start the server's test fixtures (a fixed-answer upstream); the rest of the server stays out of reach",
      severity: "error",
      from: { path: "^apps/web/e2e/" },
      to: {
        path: "^(packages/(core|db|testing|storage|executors|runtimes)|apps/server)/",
        pathNot: "^apps/server/src/testing/",
      },
    },
    {
      name: "dataset-validation-is-a-leaf",
      comment:
        "validation worker threads load this package and a tokenizer's module only: it imports no package of ours (tokenizers come in through TokenizerPort and its recipe)",
      severity: "error",
      from: { path: "^packages/dataset-validation/" },
      to: { path: "^(packages|apps)/", pathNot: "^packages/dataset-validation/" },
    },
    {
      name: "executors-import-core-and-contracts",
      comment:
        "an executor implements core's Executor port: it may import core (types) and contracts, never db, runtimes or an app; its tests may run a real runtime",
      severity: "error",
      from: { path: "^packages/executors/", pathNot: "\\.test\\.ts$" },
      to: { path: "^(packages|apps)/", pathNot: "^packages/(executors|core|contracts)/" },
    },
    {
      name: "only-main-constructs-executors",
      comment:
        "executors are adapters: an app's main.ts builds one and hands it on as the port; nothing else imports them (tests and benches excepted)",
      severity: "error",
      from: {
        path: "^(packages|apps)/",
        pathNot: ["^packages/executors/", "^apps/[^/]+/src/main\\.ts$", "\\.test\\.ts$"],
      },
      to: { path: "^packages/executors/" },
    },
    {
      name: "no-relative-import-across-packages",
      comment:
        "another package or app is reached by its name (@infera/x, or a subpath it exports), never by a relative path into its files",
      severity: "error",
      from: { path: "^(packages|apps)/([^/]+)/" },
      to: {
        path: "^(packages|apps)/",
        pathNot: "^$1/$2/",
        dependencyTypes: ["local"],
        dependencyTypesNot: ["aliased-workspace"],
      },
    },
    {
      name: "bench-imports-packages-by-name",
      comment: "benchmarks use the packages as their users do: through @infera/x and its subpath exports",
      severity: "error",
      from: { path: "^bench/" },
      to: {
        path: "^(packages|apps)/",
        dependencyTypes: ["local"],
        dependencyTypesNot: ["aliased-workspace"],
      },
    },
    {
      name: "web-features-stay-apart",
      comment:
        "a console feature imports another only through what they share (shared/, components/, lib/): features stay movable and their tests local",
      severity: "error",
      from: { path: "^apps/web/src/features/([^/]+)/" },
      to: { path: "^apps/web/src/features/", pathNot: "^apps/web/src/features/$1/" },
    },
    {
      name: "web-shared-below-features",
      comment:
        "what features share (shared/, components/, lib/, permissions/, i18n/, shell/) never reaches back into a feature",
      severity: "error",
      from: { path: "^apps/web/src/(shared|components|lib|permissions|i18n|shell)/" },
      to: { path: "^apps/web/src/features/" },
    },
    {
      name: "worker-below-the-server",
      comment:
        "the worker runs job handlers on core verbs; the server (or the CLI) starts it, never the other way round",
      severity: "error",
      from: { path: "^apps/worker/" },
      to: { path: "^apps/", pathNot: "^apps/worker/" },
    },
    {
      name: "core-no-apps",
      severity: "error",
      from: { path: "^packages/" },
      to: { path: "^apps/" },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // Tests are cruised too, so that no test reaches into another package's files either.
    exclude: { path: "(node_modules|dist)" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
  },
};
