import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const racine = fileURLToPath(new URL("./src", import.meta.url));

const integration = (base: "pglite" | "postgresql") => ({
  extends: true as const,
  test: {
    name: `integration-${base}`,
    // *.pglite.test.ts: scenarios of the embedded database only (processes sharing its directory).
    // *.postgresql.test.ts: scenarios of the server only (several connections at once).
    include: base === "pglite" ? ["src/**/*.int.test.ts", "src/**/*.pglite.test.ts"] : ["src/**/*.int.test.ts", "src/**/*.postgresql.test.ts"],
    env: { EFNE_BASE_DE_TEST: base },
    globalSetup: ["src/db/test/preparation-globale.ts"],
    // One prepared database per project, shared by its files; each test runs in a rolled-back transaction.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

export default defineConfig({
  resolve: { alias: { "@": racine } },
  test: {
    environment: "node",
    projects: [
      {
        extends: true,
        test: { name: "unitaires", include: ["src/**/*.test.ts", "src/**/*.test.tsx", "eslint/**/*.test.ts"], exclude: ["src/**/*.int.test.ts", "src/**/*.pglite.test.ts", "src/**/*.postgresql.test.ts"] },
      },
      integration("pglite"),
      integration("postgresql"),
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.e2e.ts"],
          globalSetup: ["tests/e2e/preparation.ts"],
          // One server, one browser per file: files run one after the other.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
