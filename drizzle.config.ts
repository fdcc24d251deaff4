import { defineConfig } from "drizzle-kit";

// Migrations are generated offline (`npm run db:generer`) and committed; they run at start and in tests.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema.ts",
  out: "./src/db/migrations",
});
