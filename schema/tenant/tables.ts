/**
 * Every tenant table lives on a tenant-data shard shared by several counties, so every row
 * carries `tenant_id` (the county's GB/T 2260 code) and every index leads with it.
 *
 * This file is the one entry: drizzle-kit reads it (schema/drizzle.tenant.config.ts), and so
 * does every import; the tables live under tables/ by concern.
 */

export * from "./tables/audit.ts";
export * from "./tables/casework.ts";
export * from "./tables/deadlines.ts";
export * from "./tables/edge.ts";
export * from "./tables/files.ts";
export * from "./tables/notify.ts";
export * from "./tables/petitions.ts";
export * from "./tables/reception.ts";
export * from "./tables/search.ts";
export * from "./tables/statistics.ts";
export * from "./tables/suggestions.ts";
export * from "./tables/tenancy.ts";
