import type { Env } from "../env.ts";

/**
 * D1 metering for `npm run bench`, never on in production: the bench sets `D1_METER=on`,
 * and a request carrying `x-bench-meter` then runs against D1 bindings that count round
 * trips and D1's own `meta.rows_read`, reported in the response's Server-Timing header.
 * Every statement still runs exactly once; `first()` and `raw()` run as `all()` so D1's
 * metadata is seen (as drizzle's own batch mapping does).
 */
export interface D1Meter {
  trips: number;
  rowsRead: number;
  rowsWritten: number;
  /** Round trips spent by the time the caller was signed in. */
  authTrips: number | undefined;
}

const METER = Symbol.for("lianxin.d1Meter");
const INNER = Symbol.for("lianxin.d1MeterInner");

export const meteringEnabled = (env: Env) =>
  env.ENVIRONMENT === "development" &&
  (env as unknown as Record<string, unknown>).D1_METER === "on";

/** A copy of env whose D1 bindings count, and the meter they count into. */
export function meteredEnv(env: Env): { env: Env; meter: D1Meter } {
  const meter: D1Meter = { trips: 0, rowsRead: 0, rowsWritten: 0, authTrips: undefined };
  const copy: Record<string | symbol, unknown> = { ...env, [METER]: meter };
  for (const [name, value] of Object.entries(env)) {
    if (name === "CONTROL_DB" || name.startsWith("TENANT_DB_")) {
      copy[name] = meterDatabase(value as D1Database, meter);
    }
  }
  return { env: copy as unknown as Env, meter };
}

/** Notes that authentication is done, so a figure can count only the route's own trips. */
export function markAuthenticated(env: Env) {
  const meter = (env as unknown as Record<symbol, D1Meter | undefined>)[METER];
  if (meter) meter.authTrips = meter.trips;
}

export function serverTiming(meter: D1Meter) {
  const auth = meter.authTrips === undefined ? "" : ` auth=${meter.authTrips}`;
  return `d1;desc="trips=${meter.trips} rows=${meter.rowsRead} written=${meter.rowsWritten}${auth}"`;
}

/**
 * The binding behind a metered one, so per-isolate caches keyed by binding hit for a
 * metered request exactly as for any other.
 */
export function unmetered<T extends object>(db: T): T {
  return (db as Record<symbol, T | undefined>)[INNER] ?? db;
}

function count(meter: D1Meter, result: D1Result) {
  meter.rowsRead += result.meta?.rows_read ?? 0;
  meter.rowsWritten += result.meta?.rows_written ?? 0;
}

function meterDatabase(db: D1Database, meter: D1Meter): D1Database {
  const statement = (inner: D1PreparedStatement): D1PreparedStatement => {
    const all = async () => {
      meter.trips += 1;
      const result = await inner.all<Record<string, unknown>>();
      count(meter, result);
      return result;
    };
    const wrapped = {
      [INNER]: inner,
      bind: (...values: unknown[]) => statement(inner.bind(...values)),
      all,
      run: all,
      async first(column?: string) {
        const row = (await all()).results[0];
        if (row === undefined) return null;
        return column === undefined ? row : (row[column] ?? null);
      },
      async raw(options?: { columnNames?: boolean }) {
        const { results } = await all();
        const rows = results.map((row) => Object.values(row));
        return options?.columnNames ? [Object.keys(results[0] ?? {}), ...rows] : rows;
      },
    };
    return wrapped as unknown as D1PreparedStatement;
  };
  const unwrap = (s: D1PreparedStatement) =>
    (s as unknown as Record<symbol, D1PreparedStatement | undefined>)[INNER] ?? s;
  const wrapped = {
    [INNER]: db,
    prepare: (query: string) => statement(db.prepare(query)),
    async batch(statements: D1PreparedStatement[]) {
      meter.trips += 1;
      const results = await db.batch(statements.map(unwrap));
      for (const result of results) count(meter, result);
      return results;
    },
    async exec(query: string) {
      meter.trips += 1;
      return db.exec(query);
    },
    dump: () => db.dump(),
    withSession: () => wrapped,
  };
  return wrapped as unknown as D1Database;
}
