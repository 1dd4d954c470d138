/**
 * The national list of administrative divisions (GB/T 2260), vendored in
 * schema/reference/divisions (source, licence and how to update it in its README). The CSV
 * files are bundled as text (see the Text rule in wrangler.toml) and only scanned when a
 * county is onboarded, so they cost nothing at start-up.
 */

export interface County {
  code: string;
  name: string;
}

export interface Township {
  /** Nine-digit township code, e.g. 431224100 卢峰镇. */
  code: string;
  name: string;
}

/** Rows look like `431224,溆浦县`; names never contain commas or quotes. */
function rowsStartingWith(csv: string, prefix: string): [code: string, name: string][] {
  const rows: [string, string][] = [];
  let at = csv.indexOf(`\n${prefix}`);
  while (at !== -1) {
    const end = csv.indexOf("\n", at + 1);
    const line = csv.slice(at + 1, end === -1 ? undefined : end);
    const [code, name] = line.split(",");
    if (code?.startsWith(prefix) && name) rows.push([code, name]);
    at = end === -1 ? -1 : csv.indexOf(`\n${prefix}`, end);
  }
  return rows;
}

async function countiesCsv(): Promise<string> {
  return (await import("../../../schema/reference/divisions/counties.csv")).default;
}

async function townshipsCsv(): Promise<string> {
  return (await import("../../../schema/reference/divisions/townships.csv")).default;
}

export async function findCounty(code: string): Promise<County | undefined> {
  const row = rowsStartingWith(await countiesCsv(), code).find(([c]) => c === code);
  return row ? { code: row[0], name: row[1] } : undefined;
}

export async function townshipsOf(countyCode: string): Promise<Township[]> {
  return rowsStartingWith(await townshipsCsv(), countyCode)
    .filter(([code]) => code.length === 9)
    .map(([code, name]) => ({ code, name }));
}
