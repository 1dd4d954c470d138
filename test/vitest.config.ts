import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig(async () => {
  const controlMigrations = await readD1Migrations(`${root}/schema/migrations/control`);
  const tenantMigrations = await readD1Migrations(`${root}/schema/migrations/tenant`);

  return {
    root,
    test: {
      projects: [
        {
          plugins: [
            cloudflareTest(({ inject }) => ({
              wrangler: { configPath: `${root}/wrangler.toml` },
              miniflare: {
                // Test-only secrets; real ones come from wrangler secrets or .dev.vars.
                bindings: {
                  ENVIRONMENT: "development",
                  // Retries in tests come back after a second, not half a minute.
                  NOTIFY_RETRY_BASE_SECONDS: "1",
                  TEST_RECEIVER_URL: inject("receiverUrl"),
                  PLATFORM_ADMIN_TOKEN: "test-platform-admin-token-0123456789abcdef",
                  DATA_MASTER_KEY: "test-data-master-key-0123456789abcdef0123",
                  CONTROL_MIGRATIONS: controlMigrations,
                  TENANT_MIGRATIONS: tenantMigrations,
                },
              },
            })),
          ],
          test: {
            name: "workers",
            root,
            include: ["test/api/**/*.test.ts", "test/unit/**/*.test.ts"],
            setupFiles: ["test/setup/apply-migrations.ts"],
            globalSetup: ["test/setup/receiver.ts"],
          },
        },
        {
          test: {
            name: "browser",
            root,
            environment: "node",
            include: ["test/browser/**/*.test.ts", "test/node/**/*.test.ts"],
            testTimeout: 60_000,
            hookTimeout: 120_000,
          },
        },
      ],
    },
  };
});
