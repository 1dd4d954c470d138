/**
 * Audience tokens: who may be asked about a case in a word search, written into the case's
 * full-text row beside its words, so a unit-bound viewer's MATCH asks the index only for
 * the cases of its units instead of reading the county's matches and letting the rule turn
 * them away.
 *
 * They only narrow the candidates. THE visibility rule (`visibleCases`, in SQL) still judges
 * every row the search returns, so a stale or extra token can never reveal a case; what must
 * never happen is a missing token, which would hide a case from someone allowed. Hence:
 * - tokens name the units the rule admits directly (the responsible, the registering, each
 *   assisting unit) and, for a case handled in confidence, only its handler (the rule admits
 *   no unit to those); a viewer asks for every unit of its subtree, so a unit moved in the
 *   tree never makes a token stale;
 * - they are computed in SQL from the stored row, by the statement that writes the full-text
 *   row, and rewritten by triggers (migration 0022) whenever a fact they come from changes,
 *   whatever path changes it;
 * - while a county has an unfinished full re-index (the one 0022 files fills the rows written
 *   before it), its viewers' MATCH is not narrowed at all.
 *
 * Row layout: `<word tokens> a<county>[ a<county>u<hex unit id>…| a<county>s<hex staff id>]`.
 * Word tokens all begin with `c<county>` (domain/search/tokens.ts), so the first ` a<county>`
 * is where the audience starts. Ids are hex of their UTF-8 bytes (SQLite's `hex()`), a single
 * token for the unicode61 tokenizer whatever characters an id holds.
 */

/** The audience part of a case's row, as SQL over the `petitions` row named `p`. */
export function audienceSql(p: string): string {
  const token = (kind: "u" | "s", id: string) =>
    `' a' || ${p}.tenant_id || '${kind}' || hex(${id})`;
  return `(' a' || ${p}.tenant_id || CASE WHEN ${p}.confidential = 1 THEN CASE WHEN ${p}.handler_id IS NULL THEN '' ELSE ${token("s", `${p}.handler_id`)} END ELSE ${token("u", `${p}.responsible_unit_id`)} || ${token("u", `${p}.registering_unit_id`)} || coalesce((SELECT group_concat(${token("u", "a.unit_id")}, '') FROM assisting_units AS a WHERE a.tenant_id = ${p}.tenant_id AND a.petition_id = ${p}.id), '') END)`;
}

/** A row's words without its audience part (the whole body when it has none yet). */
export function wordsOfBodySql(body: string, tenant: string): string {
  return `substr(${body}, 1, instr(${body} || ' a' || ${tenant}, ' a' || ${tenant}) - 1)`;
}

const hex = (id: string) =>
  [...new TextEncoder().encode(id)].map((b) => b.toString(16).padStart(2, "0")).join("");

/**
 * The audience a viewer asks for, as an FTS5 expression: every unit of its subtree, and
 * itself as a confidential case's handler. Null for the county office, whom the rule admits
 * to every case: it needs no narrowing.
 */
export function viewerAudience(
  tenant: string,
  // A `Viewer`'s fields, named here so the bench's seed can import this file without the
  // Worker's types.
  viewer: { staffId: string; unitSubtree: readonly string[]; inCountyOffice: boolean },
): string | null {
  if (viewer.inCountyOffice) return null;
  const tokens = [
    ...new Set(viewer.unitSubtree.map((unit) => `a${tenant}u${hex(unit)}`)),
    `a${tenant}s${hex(viewer.staffId)}`,
  ];
  return `(${tokens.map((t) => `"${t}"`).join(" OR ")})`;
}
