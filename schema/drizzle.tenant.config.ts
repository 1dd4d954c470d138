import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./schema/tenant/tables.ts",
  out: "./schema/migrations/tenant",
});
