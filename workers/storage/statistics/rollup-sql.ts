/**
 * The SQL that keeps the county's figures. It lives here, as text, because the same
 * statements are written into migration 0007 as triggers (so no code path that changes a
 * case can forget the figures) and checked against it by a test (so the two never drift).
 *
 * Two layers:
 * 1. `petition_stats`: one row per case holding only what the figures read, kept by triggers
 *    on `petitions`. It also keeps what the case row forgets as it moves on: when the route
 *    decision was due and made, when the first written reply was due.
 * 2. `stat_rollup`: sums per (scope, grain, period, key, dim), kept by triggers on
 *    `petition_stats` and `supervisions`. A change subtracts the row's old contribution and
 *    adds its new one, so the rollups are always the sum of the contributions of the rows
 *    as they are now, and a rebuild (clear, then add every row's contribution) gives the
 *    same numbers.
 *
 * Scopes: `u:<unit>` counts cases the unit holds itself; `t:<unit>` the unit and every unit
 * below it (the tree is at most county → township → village, so a case adds to its unit and
 * two ancestors). Grains: `d` (period `YYYY-MM-DD`), `m` (`YYYY-MM`) and `y` (`YYYY`): a
 * calendar year reads one row per key, a quarter three, and an odd from–to range adds the
 * months and days at its edges.
 */

import { MAX_COMPOUND_TERMS } from "../chunks.ts";

/** The CST calendar day of an epoch-millisecond column. */
const cstDay = (ms: string) => `date(${ms} / 1000, 'unixepoch', '+8 hours')`;

/**
 * Where the petition was lodged: `city`, `provincial` or `national` for a case handed down
 * from that level (its `source_level`, 上级交办/转送); otherwise `skip` for a skip-level visit
 * (越级访) and `county` for the rest. A case from above counts under its source level even
 * when intake also flagged it skip-level: the level it was lodged at is the one reported.
 */
export const LEVEL_EXPRESSION = (r: string) =>
  `coalesce(${r}.source_level, CASE WHEN coalesce(json_extract(${r}.flags, '$.skipLevel'), 0) THEN 'skip' ELSE 'county' END)`;

const onTimeState = (done: string, due: string) =>
  `CASE WHEN ${done} IS NULL THEN 'open' WHEN ${done} <= ${due} THEN 'onTime' ELSE 'late' END`;

/** One contribution: a (key, day, dim, n, m) row, when `where` holds. */
interface Term {
  key: string;
  day: string;
  dim: string;
  m: string;
  where?: string;
}

const term = (key: string, day: string, dim: string, m: string, where?: string): Term => ({
  key,
  day,
  dim,
  m,
  ...(where ? { where } : {}),
});

/** One case's contributions. `r` is `new` or `old` in a trigger. */
function caseContributions(r: string): Term[] {
  const day = `${r}.received_on`;
  const persons = `${r}.headcount`;
  return [
    term("received", day, "''", persons),
    term("channel", day, `${r}.channel`, persons),
    term("purpose", day, `${r}.purpose`, persons),
    term(
      "category1",
      day,
      `substr(${r}.category_code, 1, instr(${r}.category_code || '.', '.') - 1)`,
      persons,
    ),
    term("category", day, `${r}.category_code`, persons),
    term("level", day, `${r}.level`, persons),
    term("repeat", day, "''", persons, `${r}.repeat = 1`),
    term("owned", day, `${r}.owner_leader_id`, persons, `${r}.owner_leader_id IS NOT NULL`),
    term(
      "acceptDue",
      `${r}.accept_due`,
      onTimeState(`${r}.accept_on`, `${r}.accept_due`),
      "0",
      `${r}.accept_due IS NOT NULL`,
    ),
    term(
      "replyDue",
      `${r}.reply_due`,
      onTimeState(`${r}.replied_on`, `${r}.reply_due`),
      "0",
      `${r}.reply_due IS NOT NULL`,
    ),
    term(
      "firstReplyDue",
      `${r}.reply_due`,
      onTimeState(`${r}.replied_on`, `${r}.reply_due`),
      "0",
      `${r}.reply_due IS NOT NULL AND ${r}.first_petition = 1`,
    ),
    term(
      "evalEligible",
      `${r}.replied_on`,
      `CASE WHEN ${r}.evaluated_on IS NULL THEN 'pending' ELSE 'done' END`,
      "0",
      `${r}.replied_on IS NOT NULL`,
    ),
    term(
      "satUnit",
      `${r}.evaluated_on`,
      `${r}.unit_satisfied`,
      "0",
      `${r}.evaluated_on IS NOT NULL`,
    ),
    term(
      "satOffice",
      `${r}.evaluated_on`,
      `${r}.office_satisfied`,
      "0",
      `${r}.evaluated_on IS NOT NULL`,
    ),
    term(
      "closed",
      `${r}.closed_on`,
      `CASE WHEN ${r}.reviewed = 1 THEN 'reviewed' ELSE 'first' END`,
      "0",
      `${r}.closed_on IS NOT NULL`,
    ),
    // Migration 0012 (issue 11, analysis): first petitions received (places with the most),
    // repeat petitions by 大类 (repeat petitioners' matters, counted), the units complained
    // about, route decisions by kind, and suggestions answered by outcome (§41's report).
    term("first", day, "''", persons, `${r}.first_petition = 1`),
    term(
      "repeatCategory",
      day,
      `substr(${r}.category_code, 1, instr(${r}.category_code || '.', '.') - 1)`,
      persons,
      `${r}.repeat = 1`,
    ),
    term("subject", day, `${r}.subject_unit`, persons, `${r}.subject_unit IS NOT NULL`),
    term("routed", `${r}.route_on`, `${r}.route_kind`, "0", `${r}.route_kind IS NOT NULL`),
    // The backlog's count: open cases by received day (`final` when petitioned again after
    // re-review). Older than the county's days is a range of years, months and days.
    term(
      "open",
      day,
      `CASE WHEN ${r}.after_review = 1 THEN 'final' ELSE '' END`,
      persons,
      `${r}.open_case = 1`,
    ),
    term(
      "suggestionReply",
      `${r}.replied_on`,
      `coalesce(${r}.reply_outcome, 'none')`,
      "0",
      `${r}.purpose = 'suggestion' AND ${r}.replied_on IS NOT NULL`,
    ),
  ];
}

function supervisionContributions(r: string): Term[] {
  return [
    term("supOpened", cstDay(`${r}.opened_at`), `coalesce(${r}.form, 'none')`, "0"),
    term(
      "supResolved",
      cstDay(`${r}.resolved_at`),
      "''",
      "0",
      `${r}.status = 'resolved' AND ${r}.resolved_at IS NOT NULL`,
    ),
  ];
}

/** The four scopes a row adds to; `'t:' || NULL` (no such ancestor) adds to none. */
const caseScopes = (r: string) => [
  `'u:' || ${r}.unit_id`,
  `'t:' || ${r}.unit_id`,
  `'t:' || ${r}.unit_parent`,
  `'t:' || ${r}.unit_grand`,
];

const parentOf = (unit: string) => `(SELECT parent_id FROM units WHERE id = ${unit})`;

/**
 * A supervision names its unit's ancestors as they were when it was opened ('' for none,
 * migration 0023); a row without them (null) has them looked up, once per statement: the
 * subqueries name only the trigger's row.
 */
const ancestor = (stored: string, lookup: string) =>
  `CASE WHEN ${stored} IS NULL THEN ${lookup} ELSE nullif(${stored}, '') END`;
const supervisionScopes = (r: string) => [
  `'u:' || ${r}.unit_id`,
  `'t:' || ${r}.unit_id`,
  `'t:' || ${ancestor(`${r}.unit_parent`, parentOf(`${r}.unit_id`))}`,
  `'t:' || ${ancestor(`${r}.unit_grand`, parentOf(parentOf(`${r}.unit_id`)))}`,
];

const GRAINS = ["d", "m", "y"] as const;

/**
 * The rollup rows of one row's contributions: every (contribution, scope, grain) from one
 * list of constants, each column picked by a CASE on it. D1 meters the rows a statement
 * reads, and joining the contributions with the scopes and grains (the obvious SQL) makes
 * SQLite store and re-read the inner lists for every outer row: about as many rows read
 * as rows written, on every registration. A single list of constants is read as it is
 * produced, and reads nothing. (Its LIMIT keeps SQLite from copying the CASEs into every
 * arm of the list, which would compile to hundreds of copies.)
 */
function upsert(r: string, sign: 1 | -1, terms: readonly Term[], scopes: readonly string[]) {
  const s = sign === 1 ? "" : "-";
  const each = <T>(items: readonly T[], pick: (item: T) => string, column: string) =>
    `CASE ${column} ${items.map((item, i) => `WHEN ${i} THEN ${pick(item)}`).join(" ")} END`;
  const combos: string[] = [];
  for (const [c] of terms.entries())
    for (const [sc] of scopes.entries())
      for (const g of GRAINS) combos.push(`SELECT ${c} AS c, ${sc} AS s, '${g}' AS g`);
  return `INSERT INTO stat_rollup (tenant_id, scope, grain, period, key, dim, n, m)
	SELECT ${r}.tenant_id, x.scope, x.g, CASE x.g WHEN 'd' THEN x.day WHEN 'm' THEN substr(x.day, 1, 7) ELSE substr(x.day, 1, 4) END, x.key, x.dim, ${s}1, ${s}x.m
	FROM (SELECT k.g AS g,
		${each(scopes, (scope) => scope, "k.s")} AS scope,
		${each(terms, (t) => `'${t.key}'`, "k.c")} AS key,
		${each(terms, (t) => t.day, "k.c")} AS day,
		${each(terms, (t) => t.dim, "k.c")} AS dim,
		${each(terms, (t) => t.m, "k.c")} AS m,
		${each(terms, (t) => (t.where ? `(${t.where})` : "1"), "k.c")} AS counted
		FROM (${compoundTree(combos)} LIMIT ${combos.length}) AS k) AS x
	WHERE x.counted AND x.scope IS NOT NULL AND x.day IS NOT NULL AND x.dim IS NOT NULL
	ON CONFLICT DO UPDATE SET n = n + excluded.n, m = m + excluded.m;`;
}

/** D1 caps a compound SELECT at five terms: longer lists nest, five at a level. */
function compoundTree(rows: readonly string[]): string {
  if (rows.length <= MAX_COMPOUND_TERMS) return rows.join(" UNION ALL ");
  const size = Math.ceil(rows.length / MAX_COMPOUND_TERMS);
  const parts: string[] = [];
  for (let i = 0; i < rows.length; i += size) {
    parts.push(`SELECT * FROM (${compoundTree(rows.slice(i, i + size))})`);
  }
  return parts.join(" UNION ALL ");
}

const caseUpsert = (r: string, sign: 1 | -1) =>
  upsert(r, sign, caseContributions(r), caseScopes(r));
const supervisionUpsert = (r: string, sign: 1 | -1) =>
  upsert(r, sign, supervisionContributions(r), supervisionScopes(r));

/** The CST day a route decision (accept, decline, forward, assign) was recorded. */
const decisionDay = cstDay("new.updated_at");

/** 满意 and 基本满意 count as satisfied ('1'); 不满意 does not ('0'). */
const satisfied = (rating: string) =>
  `CASE WHEN ${rating} IS NULL THEN NULL WHEN ${rating} = 'unsatisfied' THEN '0' ELSE '1' END`;

const statsColumns = (r: string) => ({
  unit_id: `${r}.responsible_unit_id`,
  unit_parent: parentOf(`${r}.responsible_unit_id`),
  unit_grand: parentOf(parentOf(`${r}.responsible_unit_id`)),
  received_on: `${r}.received_on`,
  channel: `${r}.channel`,
  purpose: `${r}.purpose`,
  category_code: `${r}.category_code`,
  headcount: `${r}.headcount`,
  level: LEVEL_EXPRESSION(r),
  repeat: `CASE WHEN json_extract(${r}.flags, '$.repeat') IS NULL THEN 0 ELSE 1 END`,
  first_petition: `CASE WHEN coalesce(json_extract(${r}.flags, '$.firstPetition'), 0) THEN 1 ELSE 0 END`,
  owner_leader_id: `${r}.owner_leader_id`,
  evaluated_on: `CASE WHEN ${r}.evaluation IS NULL THEN NULL ELSE date(json_extract(${r}.evaluation, '$.at'), '+8 hours') END`,
  unit_satisfied: satisfied(`json_extract(${r}.evaluation, '$.handlingUnit')`),
  office_satisfied: satisfied(`json_extract(${r}.evaluation, '$.office')`),
  closed_on: `json_extract(${r}.closure, '$.on')`,
  reviewed: `CASE WHEN ${r}.review_requested_on IS NULL THEN 0 ELSE 1 END`,
  // Migration 0012: the backlog (积案) counts these two in the rollups and lists them from
  // partial indexes; the rest feed the contributions above.
  open_case: `CASE WHEN ${r}.status IN ('closed', 'declined') THEN 0 ELSE 1 END`,
  after_review: `CASE WHEN json_extract(${r}.flags, '$.final') IS NULL THEN 0 ELSE 1 END`,
  subject_unit: `${r}.subject_unit_id`,
  route_kind: `json_extract(${r}.routing, '$.kind')`,
  route_on: `json_extract(${r}.routing, '$.on')`,
  reply_outcome: `json_extract(${r}.reply, '$.outcome')`,
});

/**
 * While the county's rollups are being rebuilt (a `statistics_rebuilds` row, migration 0012),
 * a row the rebuild has not reached yet leaves them alone: they were cleared, or its
 * contribution will be added from its state then. A row behind the cursor was re-added
 * already and its changes count as usual. So a rebuild may run while offices work, without
 * counting a case twice. Cases are reached in petition-id order, supervisions after them.
 */
const notAwaitingRebuild = (r: string, table: "case" | "supervision") =>
  `NOT EXISTS (SELECT 1 FROM statistics_rebuilds AS b WHERE b.tenant_id = ${r}.tenant_id AND ${
    table === "case"
      ? `(b.phase = 'clear' OR (b.phase = 'cases' AND ${r}.petition_id > b.after_id))`
      : `(b.phase IN ('clear', 'cases') OR (b.phase = 'supervisions' AND ${r}.id > b.after_id))`
  })`;

/**
 * The case columns the figures read, taken from the statement that copies them, so the two
 * cannot drift: an update of anything else (the scan's alert time, the version, a note)
 * leaves `petition_stats` alone. The keys never change; `updated_at` only dates a route
 * decision, which always changes `status` too.
 */
function statsSourceColumns(body: string): string[] {
  const read = new Set<string>();
  for (const [, column] of body.matchAll(/\b(?:new|old)\.(\w+)/g)) {
    if (column && !["tenant_id", "id", "updated_at"].includes(column)) read.add(column);
  }
  return [...read];
}

/** The migration's trigger statements, in order. */
export function rollupTriggers(): string[] {
  const insertCols = statsColumns("new");
  const names = Object.keys(insertCols);
  const insertStats = `CREATE TRIGGER \`petition_stats_insert\` AFTER INSERT ON \`petitions\`
BEGIN
	INSERT INTO petition_stats (tenant_id, petition_id, ${names.join(", ")}, accept_due, accept_on, reply_due, replied_on)
	VALUES (new.tenant_id, new.id, ${Object.values(insertCols).join(", ")},
		json_extract(new.deadlines, '$.accept.due'), NULL, json_extract(new.deadlines, '$.handle.due'), new.replied_on);
END;`;
  const sets = Object.entries(insertCols).map(([k, v]) => `${k} = ${v}`);
  const updateBody = `UPDATE petition_stats SET ${sets.join(",\n\t\t")},
		accept_due = coalesce(accept_due, json_extract(new.deadlines, '$.accept.due')),
		accept_on = CASE WHEN accept_on IS NULL AND old.status = 'registered' AND new.status <> 'registered' THEN ${decisionDay} ELSE accept_on END,
		reply_due = coalesce(json_extract(new.deadlines, '$.handle.due'), reply_due),
		replied_on = coalesce(replied_on, new.replied_on)
	WHERE tenant_id = new.tenant_id AND petition_id = new.id;`;
  const updateStats = `CREATE TRIGGER \`petition_stats_update\` AFTER UPDATE OF ${statsSourceColumns(updateBody).join(", ")} ON \`petitions\`
BEGIN
	${updateBody}
END;`;
  const deleteStats = `CREATE TRIGGER \`petition_stats_delete\` AFTER DELETE ON \`petitions\`
BEGIN
	DELETE FROM petition_stats WHERE tenant_id = old.tenant_id AND petition_id = old.id;
END;`;
  const rollupInsert = `CREATE TRIGGER \`stat_rollup_case_insert\` AFTER INSERT ON \`petition_stats\`
WHEN ${notAwaitingRebuild("new", "case")}
BEGIN
	${caseUpsert("new", 1)}
END;`;
  const tracked = [...names, "accept_due", "accept_on", "reply_due", "replied_on"];
  // Most case actions change nothing the figures read: those skip the rollups entirely.
  const rollupUpdate = `CREATE TRIGGER \`stat_rollup_case_update\` AFTER UPDATE OF ${tracked.join(", ")} ON \`petition_stats\`
WHEN (${tracked.map((c) => `old.${c} IS NOT new.${c}`).join(" OR ")}) AND ${notAwaitingRebuild("new", "case")}
BEGIN
	${caseUpsert("old", -1)}
	${caseUpsert("new", 1)}
END;`;
  // The rebuild bumps `rebuild_gen` on a page of rows after clearing the county's rollups:
  // only the new contribution is added, from the very statement the other triggers use.
  const rollupRebuild = `CREATE TRIGGER \`stat_rollup_case_rebuild\` AFTER UPDATE OF rebuild_gen ON \`petition_stats\`
BEGIN
	${caseUpsert("new", 1)}
END;`;
  const rollupDelete = `CREATE TRIGGER \`stat_rollup_case_delete\` AFTER DELETE ON \`petition_stats\`
WHEN ${notAwaitingRebuild("old", "case")}
BEGIN
	${caseUpsert("old", -1)}
END;`;
  const supInsert = `CREATE TRIGGER \`stat_rollup_supervision_insert\` AFTER INSERT ON \`supervisions\`
WHEN ${notAwaitingRebuild("new", "supervision")}
BEGIN
	${supervisionUpsert("new", 1)}
END;`;
  const supUpdate = `CREATE TRIGGER \`stat_rollup_supervision_update\` AFTER UPDATE OF status, form, unit_id, opened_at, resolved_at ON \`supervisions\`
WHEN ${notAwaitingRebuild("new", "supervision")}
BEGIN
	${supervisionUpsert("old", -1)}
	${supervisionUpsert("new", 1)}
END;`;
  const supRebuild = `CREATE TRIGGER \`stat_rollup_supervision_rebuild\` AFTER UPDATE OF stat_gen ON \`supervisions\`
BEGIN
	${supervisionUpsert("new", 1)}
END;`;
  const supDelete = `CREATE TRIGGER \`stat_rollup_supervision_delete\` AFTER DELETE ON \`supervisions\`
WHEN ${notAwaitingRebuild("old", "supervision")}
BEGIN
	${supervisionUpsert("old", -1)}
END;`;
  return [
    insertStats,
    updateStats,
    deleteStats,
    rollupInsert,
    rollupUpdate,
    rollupRebuild,
    rollupDelete,
    supInsert,
    supUpdate,
    supRebuild,
    supDelete,
  ];
}
