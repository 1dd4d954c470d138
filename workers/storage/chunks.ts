/**
 * D1 binds at most 100 parameters per statement and answers "too many SQL variables"
 * beyond. Every `IN (…)` over a list and every multi-row insert goes through `chunked`, so
 * no list a county can grow (due cases, recipients, alerts) ever builds such a statement.
 */
export const MAX_BOUND_PARAMETERS = 100;

/**
 * Splits `items` so that a statement binding `perItem` parameters for each item, plus
 * `fixed` parameters of its own (the tenant, a timestamp), stays within D1's limit.
 */
export function chunked<T>(items: readonly T[], perItem: number, fixed = 1): T[][] {
  const size = Math.floor((MAX_BOUND_PARAMETERS - fixed) / perItem);
  if (size < 1)
    throw new Error(`A statement of ${perItem} + ${fixed} parameters cannot be chunked`);
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}

/** D1 refuses a compound SELECT of more than this many terms ("too many terms"). */
export const MAX_COMPOUND_TERMS = 5;
