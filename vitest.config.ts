import { defineConfig } from "vitest/config";

// Database-backed suites run twice: on the embedded PGlite and on the PostgreSQL server.
const dbSuites = [
  "apps/server/src/**/*.test.ts",
  "packages/core/src/**/*.test.ts",
  "packages/db/src/**/*.test.ts",
];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "pglite",
          include: ["apps/*/src/**/*.test.ts", "packages/*/src/**/*.test.ts", "bench/**/*.test.ts"],
          exclude: ["packages/runtimes/**", "apps/web/**", "**/node_modules/**"],
          env: { INFERA_TEST_DB: "pglite" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "postgres",
          include: dbSuites,
          env: { INFERA_TEST_DB: "postgres" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "web",
          include: ["apps/web/src/**/*.test.{ts,tsx}"],
          environment: "jsdom",
          setupFiles: ["apps/web/src/test/setup.ts"],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          // Real Chromium against a real `infera up` (scripts/test.sh installs Chromium and builds the console).
          name: "e2e",
          include: ["apps/web/e2e/**/*.e2e.test.ts"],
          environment: "node",
          globalSetup: ["apps/web/e2e/global-setup.ts"],
          fileParallelism: false,
          testTimeout: 240_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: "runtimes",
          include: ["packages/runtimes/src/**/*.test.ts"],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          pool: "forks",
        },
      },
    ],
  },
});
