// Moved to domain/tenancy/county-context.ts; kept while the deadline scan (another branch)
// still imports it from here. Delete once nothing does.
export * from "../tenancy/county-context.ts";
