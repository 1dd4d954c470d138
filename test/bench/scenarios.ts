import { Worker } from "node:worker_threads";
import { DEMO_PASSWORD, DEMO_STAFF_PETITIONS, DEMO_TENANT } from "../../workers/dev/demo-county.ts";
import {
  countBenchCases,
  countDue,
  growCases,
  insertDeliveries,
  insertDeliveryHistory,
  resetDue,
} from "./data.ts";
import { type LoadResult, load, metered } from "./load.ts";
import type { Receiver } from "./receiver.ts";
import type { BenchStack } from "./stack.ts";

export interface Line {
  id: string;
  name: string;
  figures: string;
  ratio?: number | undefined;
  target: string;
  pass: boolean;
}

export interface Sizes {
  quick: boolean;
  seconds: number;
  connections: number;
  workList: number[];
  createAt: number;
  scan: number[];
  digestAt: number;
  sessionOps: number;
  deliveries: number;
  /** Deliveries the county sent before the run: its log's history. */
  deliveryHistory: number;
  failingDeliveries: number;
}

export const QUICK: Sizes = {
  quick: true,
  seconds: 4,
  connections: 8,
  workList: [5_000],
  createAt: 10_000,
  scan: [10_000],
  digestAt: 10_000,
  sessionOps: 400,
  deliveries: 700,
  deliveryHistory: 50_000,
  failingDeliveries: 100,
};

export const FULL: Sizes = {
  quick: false,
  seconds: 10,
  connections: 8,
  workList: [5_000, 100_000],
  createAt: 100_000,
  scan: [10_000, 100_000, 1_000_000],
  digestAt: 100_000,
  sessionOps: 1_000,
  deliveries: 1_400,
  deliveryHistory: 200_000,
  failingDeliveries: 200,
};

const T = DEMO_TENANT.code;
const ratioOf = (a: number, b: number) => (b > 0 ? a / b : 0);
const fmt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en") : "–");

export async function signIn(stack: BenchStack, username: string) {
  const response = await fetch(`${stack.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ tenant: T, username, password: DEMO_PASSWORD }),
  });
  const { token } = (await response.json()) as { token: string };
  return { authorization: `Bearer ${token}` };
}

/**
 * Alternates baseline and product runs, so a machine whose load drifts weighs on both
 * alike. The ratio is the median of the rounds' ratios, which one burst of load elsewhere
 * on the machine does not move; the rates are the rounds' means.
 */
async function compare(
  rounds: number,
  base: () => Promise<LoadResult>,
  product: () => Promise<LoadResult>,
) {
  const b: LoadResult[] = [];
  const p: LoadResult[] = [];
  for (let i = 0; i < rounds; i += 1) {
    b.push(await base());
    p.push(await product());
  }
  const total = (runs: LoadResult[]) => ({
    rate: runs.reduce((sum, r) => sum + r.rate, 0) / runs.length,
    failures: runs.reduce((sum, r) => sum + r.failures, 0),
  });
  const ratios = p.map((run, i) => ratioOf(run.rate, b[i]?.rate ?? 0)).sort((x, y) => x - y);
  const ratio = ratios[Math.floor(ratios.length / 2)] ?? 0;
  return { base: total(b), product: total(p), ratio };
}

/** S1: a signed-in request against a bare Worker making one D1 point read. */
export async function s1(stack: BenchStack, sizes: Sizes): Promise<Line[]> {
  const admin = await signIn(stack, "admin");
  const seconds = Math.max(2, Math.round(sizes.seconds / 4));
  const run = (url: string, headers?: Record<string, string>) => () =>
    load({ url, connections: sizes.connections, duration: seconds, ...(headers && { headers }) });
  const routes = [
    ["getMe", `${stack.url}/api/v1/auth/me`],
    ["listUnits", `${stack.url}/api/v1/t/${T}/units`],
  ] as const;
  const bare = run(`${stack.fixtureUrl}/point-read?tenant=${T}`);
  await bare(); // warm both isolates and the product's caches
  const lines: Line[] = [];
  for (const [name, url] of routes) {
    await run(url, admin)();
    const { base, product, ratio } = await compare(5, bare, run(url, admin));
    const meter = await metered(url, { headers: admin });
    lines.push({
      id: "S1",
      name,
      figures: `${fmt(product.rate)} req/s vs bare point read ${fmt(base.rate)} req/s; ${meter.trips} D1 trips, ${meter.rows} rows; ${product.failures} failed`,
      ratio,
      target: "≥ 0.6×",
      pass: ratio >= 0.6 && product.failures === 0 && base.failures === 0,
    });
  }
  return lines;
}

/** S2: the work list, as the county office and as a township. */
export async function s2(stack: BenchStack, size: number, dueAt: number) {
  await growCases(stack.tenantDb, T, size, dueAt);
  const lines: Line[] = [];
  for (const [who, username] of [
    ["county office", "clerk"],
    ["township", "lufeng"],
  ] as const) {
    const headers = await signIn(stack, username);
    const url = `${stack.url}/api/v1/t/${T}/petitions`;
    await metered(url, { headers });
    const m = await metered(url, { headers });
    const items = (m.body as { items?: unknown[] }).items?.length ?? 0;
    const rowsOk = m.rows <= 2 * items + 10;
    lines.push({
      id: "S2",
      name: `work list, ${fmt(size)} cases, ${who}`,
      figures: `${items} returned, ${fmt(m.rows)} rows read, ${m.afterAuth} trips after auth (${m.trips} in all); HTTP ${m.status}`,
      target: "rows ≤ 2×returned+10, ≤ 2 trips after auth",
      pass: m.status === 200 && rowsOk && m.afterAuth <= 2,
    });
  }
  return lines;
}

/** S8: the search box at the county's size: a word of the case, and a phone number. */
export async function s8(stack: BenchStack, size: number, dueAt: number): Promise<Line[]> {
  await growCases(stack.tenantDb, T, size, dueAt);
  // A word every bench case carries: the start of the copied case's demands.
  const template = await stack.tenantDb
    .prepare(
      "SELECT json_extract(material, '$.demands') AS d FROM petitions WHERE tenant_id = ? AND id NOT LIKE 'bench-%' AND petitioner_sealed IS NOT NULL ORDER BY registered_at LIMIT 1",
    )
    .bind(T)
    .first<{ d: string }>();
  const word = /\p{Script=Han}{2,4}/u.exec(template?.d ?? "")?.[0] ?? "工资";
  const lines: Line[] = [];
  // A township's word search asks the index for its units' cases only (audience tokens).
  for (const [what, q, who, username] of [
    [`word “${word}”`, word, "county office", "clerk"],
    ["phone", "13800000000", "county office", "clerk"],
    [`word “${word}”`, word, "township", "lufeng"],
  ] as const) {
    const headers = await signIn(stack, username);
    const url = `${stack.url}/api/v1/t/${T}/search?q=${encodeURIComponent(q)}`;
    await metered(url, { headers });
    const m = await metered(url, { headers });
    const items = (m.body as { items?: unknown[] }).items?.length ?? 0;
    lines.push({
      id: "S8",
      name: `search by ${what}, ${fmt(size)} cases, ${who}`,
      figures: `${items} returned, ${fmt(m.rows)} rows read, ${m.afterAuth} trips after auth (${m.trips} in all); HTTP ${m.status}`,
      target: "rows ≤ 5×returned+100, ≤ 2 trips after auth",
      pass: m.status === 200 && m.rows <= 5 * items + 100 && m.afterAuth <= 2,
    });
  }
  return lines;
}

/** S3: registering a petition in a large county. */
export async function s3(stack: BenchStack, sizes: Sizes, dueAt: number): Promise<Line[]> {
  await growCases(stack.tenantDb, T, sizes.createAt, dueAt);
  const example = DEMO_STAFF_PETITIONS[0];
  if (!example) throw new Error("no demo petition to register");
  const headers = { ...(await signIn(stack, example.clerk)), "content-type": "application/json" };
  let worst = { trips: 0, rows: 0, status: 0 };
  for (let i = 0; i < 3; i += 1) {
    const body = {
      ...example.body,
      receivedAt: new Date().toISOString(),
      petitioner: {
        ...(example.body as { petitioner: Record<string, unknown> }).petitioner,
        phone: `1390000${String(1000 + i).padStart(4, "0")}`,
      },
    };
    const m = await metered(`${stack.url}/api/v1/t/${T}/petitions`, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
    });
    if (m.status !== 201) worst.status = m.status;
    worst = {
      trips: Math.max(worst.trips, m.trips),
      rows: Math.max(worst.rows, m.rows),
      status: worst.status || m.status,
    };
  }
  return [
    {
      id: "S3",
      name: `createPetition, ${fmt(sizes.createAt)} cases`,
      figures: `${worst.trips} D1 trips, ${fmt(worst.rows)} rows read (worst of 3); HTTP ${worst.status}`,
      target: "≤ 3 trips, ≤ 50 rows",
      pass: worst.status === 201 && worst.trips <= 3 && worst.rows <= 50,
    },
  ];
}

/**
 * S4: one session's desk with 100 watchers, against a counter object broadcasting to 100.
 * Both sides get a warm-up run first (isolates, sockets, the objects' SQLite), then short
 * rounds in pairs whose order alternates (base–product, product–base), so load elsewhere on
 * the machine falls on both alike; the ratio is the median of the pairs' ratios.
 */
export async function s4(stack: BenchStack, sizes: Sizes): Promise<Line[]> {
  const f = stack.fixtureUrl;
  const name = `bench-${Date.now()}`;
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  await fetch(`${f}/session/configure?name=${name}`, {
    method: "POST",
    body: JSON.stringify({
      tenant: T,
      shard: "TENANT_DB_1",
      sessionId: name,
      date: today,
      slots: ["09:00"],
      capacityPerSlot: 1,
      status: "published",
      walkInEvery: 3,
      maxCalls: 3,
    }),
  });
  const product = await watchers(
    f.replace("http", "ws"),
    100,
    (i) => `/session/watch?name=${name}&audience=${i < 10 ? "staff" : "public"}`,
  );
  const base = await watchers(f.replace("http", "ws"), 100, () => `/counter/watch?name=${name}`);
  const perRound = Math.round(sizes.sessionOps / 4);
  const run = (requests: { path: string; method: "POST" }[]) => () =>
    load({ url: f, connections: 4, amount: perRound, requests });
  const counterRun = run([{ path: `/counter/op?name=${name}`, method: "POST" }]);
  const sessionRun = run([
    { path: `/session/op?name=${name}&kind=checkIn`, method: "POST" },
    { path: `/session/op?name=${name}&kind=call`, method: "POST" },
  ]);
  await counterRun();
  await sessionRun();
  await new Promise((resolve) => setTimeout(resolve, 300)); // the last states arrive
  const before = await product.received();
  const rounds = sizes.quick ? 10 : 16;
  const b: LoadResult[] = [];
  const p: LoadResult[] = [];
  for (let i = 0; i < rounds; i += 1) {
    if (i % 2 === 0) {
      b.push(await counterRun());
      p.push(await sessionRun());
    } else {
      p.push(await sessionRun());
      b.push(await counterRun());
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  const received = (await product.received()) - before;
  product.close();
  base.close();
  const mean = (runs: LoadResult[]) => runs.reduce((sum, r) => sum + r.rate, 0) / runs.length;
  const ratios = p.map((r, i) => ratioOf(r.rate, b[i]?.rate ?? 0)).sort((x, y) => x - y);
  const ratio = ratios[Math.floor(ratios.length / 2)] ?? 0;
  const ops = p.reduce((sum, r) => sum + r.requests, 0);
  const failures = p.reduce((sum, r) => sum + r.failures, 0);
  return [
    {
      id: "S4",
      name: "reception session, 100 watchers",
      figures: `${fmt(mean(p))} ops/s vs counter ${fmt(mean(b))} ops/s (pairs ${ratios[0]?.toFixed(2)}–${ratios.at(-1)?.toFixed(2)}×); ${fmt(received)} messages to the first watcher for ${fmt(ops)} ops; ${failures} failed`,
      ratio,
      target: "≥ 0.8×",
      pass: ratio >= 0.8 && failures === 0 && received >= ops / 2,
    },
  ];
}

/** `n` WebSockets watching, opened and counted on a worker thread (see watchers.ts). */
async function watchers(base: string, n: number, path: (i: number) => string) {
  const thread = new Worker(new URL("./watchers.ts", import.meta.url), {
    workerData: Array.from({ length: n }, (_, i) => `${base}${path(i)}`),
  });
  const reply = (type: string) =>
    new Promise<{ first: number }>((resolve, reject) => {
      const onMessage = (message: { type: string; first: number }) => {
        if (message.type !== type) return;
        thread.off("message", onMessage);
        resolve(message);
      };
      thread.on("message", onMessage);
      thread.once("error", reject);
    });
  await reply("open");
  return {
    /** Messages the first watcher has had so far. */
    received: async () => {
      const counted = reply("count");
      thread.postMessage("count");
      return (await counted).first;
    },
    close: () => thread.postMessage("close"),
  };
}

/** S5: the deadline scan with 1 % of the open cases due, and the morning's digest. */
export async function s5(stack: BenchStack, size: number, day: number): Promise<Line[]> {
  const morning = (hour: number) => Date.UTC(2027, 0, 4 + day, hour - 8); // CST hours of a working day per size
  const dueAt = morning(7) - 3_600_000;
  await growCases(stack.tenantDb, T, size, dueAt);
  await resetDue(stack.tenantDb, T, dueAt);
  const due = await countDue(stack.tenantDb, T, morning(7));
  const worker = await stack.mf.getWorker("lianxin");
  const sum = (field: string) =>
    stack.scheduledMeters.reduce(
      (total, line) => total + Number(new RegExp(`${field}=(\\d+)`).exec(line)?.[1] ?? NaN),
      0,
    );
  // One cron run, then whatever it handed to the scan queue (due cases past one
  // invocation's D1 statements), until none is due: all within one cron interval.
  stack.scheduledMeters.length = 0;
  const started = performance.now();
  const result = await worker.scheduled({
    cron: "*/5 * * * *",
    scheduledTime: new Date(morning(7)),
  });
  let left = await countDue(stack.tenantDb, T, morning(7));
  while (left > 0 && performance.now() - started < 300_000) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    left = await countDue(stack.tenantDb, T, morning(7));
  }
  const seconds = (performance.now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 500));
  const first = { ok: result.outcome === "ok", seconds, rows: sum("rows"), trips: sum("trips") };
  const invocations = stack.scheduledMeters.length;
  const lines: Line[] = [
    {
      id: "S5",
      name: `deadline scan, ${fmt(size)} open, ${fmt(due)} due`,
      figures: `${first.ok ? "ok" : "FAILED"}, ${fmt(due - left)} cleared in ${first.seconds.toFixed(1)} s by ${invocations} invocation(s), ${fmt(first.rows)} rows read, ${fmt(first.trips)} trips`,
      target: "never fails, rows ≤ 2×due+50, all due cleared within one cron interval (300 s)",
      pass: first.ok && first.rows <= 2 * due + 50 && left === 0 && first.seconds < 300,
    },
  ];
  return lines;
}

/** S5: the first run after 08:00 builds the day's digest. */
export async function s5Digest(stack: BenchStack, size: number, day: number): Promise<Line[]> {
  const at = Date.UTC(2027, 0, 4 + day, 9 - 8);
  await growCases(stack.tenantDb, T, size, at - 3_600_000);
  await resetDue(stack.tenantDb, T, at + 86_400_000); // nothing due: the run is the digest
  const worker = await stack.mf.getWorker("lianxin");
  stack.scheduledMeters.length = 0;
  const result = await worker.scheduled({ cron: "*/5 * * * *", scheduledTime: new Date(at) });
  await new Promise((resolve) => setTimeout(resolve, 200));
  const rows = Number(/rows=(\d+)/.exec(stack.scheduledMeters.at(-1) ?? "")?.[1] ?? NaN);
  const open = await countBenchCases(stack.tenantDb, T);
  return [
    {
      id: "S5",
      name: `daily digest, ${fmt(open)} open`,
      figures: `${result.outcome === "ok" ? "ok" : "FAILED"}, ${fmt(rows)} rows read`,
      target: "≤ 5,000 rows",
      pass: result.outcome === "ok" && rows <= 5_000,
    },
  ];
}

/** S6: delivery to a local webhook receiver against a consumer that only POSTs. */
export async function s6(stack: BenchStack, sizes: Sizes, receiver: Receiver): Promise<Line[]> {
  const admin = { ...(await signIn(stack, "admin")), "content-type": "application/json" };
  const configured = await fetch(`${stack.url}/api/v1/t/${T}/settings/notifications`, {
    method: "PUT",
    headers: admin,
    body: JSON.stringify({
      channels: { webhook: { url: `${receiver.url}/hook`, secret: "a-bench-webhook-secret-0123" } },
    }),
  });
  if (!configured.ok) throw new Error(`webhook settings: ${configured.status}`);
  const enqueue = async (queue: "product" | "baseline", bodies: unknown[]) => {
    const response = await fetch(`${stack.fixtureUrl}/enqueue?queue=${queue}`, {
      method: "POST",
      body: JSON.stringify(bodies),
    });
    if (!response.ok) throw new Error(`enqueue: ${response.status}`);
  };
  const drain = async (ids: string[], timeoutMs: number) => {
    const started = performance.now();
    while (receiver.received(ids) < ids.length && performance.now() - started < timeoutMs) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  await insertDeliveryHistory(stack.tenantDb, T, sizes.deliveryHistory);
  receiver.reset(0);
  const run = `bench-d-${Date.now()}`;
  // Each side's time runs from the moment its queue has taken its messages to the receiver's
  // first success for the last of them (stamped by the receiver, not by polling). A warm-up round
  // of each side opens the connections and the isolates first; then rounds alternate which
  // side goes first, and the ratio is their median: one slow moment on this shared machine
  // moves one round, not the result.
  const rounds = 7;
  const perRound = Math.max(25, Math.round(sizes.deliveries / rounds / 25) * 25); // whole batches
  const timed = async (ids: string[], send: () => Promise<void>) => {
    await send();
    const started = performance.now();
    await drain(ids, 120_000);
    return { seconds: (receiver.lastArrival(ids) - started) / 1000, got: receiver.received(ids) };
  };
  const baseline = (k: number) => {
    const ids = Array.from({ length: perRound }, (_, i) => `base-${k}-${i}`);
    return timed(ids, () =>
      enqueue(
        "baseline",
        ids.map((id) => ({ id })),
      ),
    );
  };
  const product = async (k: number) => {
    // Written before the clock starts: the request that causes a delivery writes it.
    const ids = await insertDeliveries(stack.tenantDb, T, `${run}-${k}`, perRound);
    return timed(ids, () =>
      enqueue(
        "product",
        ids.map((deliveryId) => ({ tenant: T, deliveryId })),
      ),
    );
  };
  await baseline(-1);
  await product(-1);
  const measured: { base: number; product: number; got: number }[] = [];
  for (let k = 0; k < rounds; k += 1) {
    const first = k % 2 === 0 ? await baseline(k) : await product(k);
    const second = k % 2 === 0 ? await product(k) : await baseline(k);
    const [b, p] = k % 2 === 0 ? [first, second] : [second, first];
    measured.push({ base: perRound / b.seconds, product: p.got / p.seconds, got: p.got });
  }
  const got = measured.reduce((sum, r) => sum + r.got, 0);
  const mean = (f: (r: (typeof measured)[number]) => number) =>
    measured.reduce((sum, r) => sum + f(r), 0) / measured.length;
  const ratios = measured.map((r) => ratioOf(r.product, r.base)).sort((x, y) => x - y);
  const ratio = ratios[Math.floor(ratios.length / 2)] ?? 0;
  const ids = { length: perRound * rounds };

  receiver.reset(0.3);
  const failing = await insertDeliveries(stack.tenantDb, T, `${run}-f`, sizes.failingDeliveries);
  await enqueue(
    "product",
    failing.map((deliveryId) => ({ tenant: T, deliveryId })),
  );
  await drain(failing, 180_000);
  await new Promise((resolve) => setTimeout(resolve, 3_000)); // a late duplicate would show
  const lost = failing.length - receiver.received(failing);
  const duplicated = failing.filter((id) => (receiver.state.successes.get(id) ?? 0) > 1).length;
  return [
    {
      id: "S6",
      name: `delivery, ${fmt(ids.length)} webhook messages in ${rounds} rounds, ${fmt(sizes.deliveryHistory)} sent before`,
      figures: `${fmt(mean((r) => r.product))} msg/s vs POST-only ${fmt(mean((r) => r.base))} msg/s (round ratios ${ratios.map((r) => r.toFixed(2)).join(", ")}); ${got}/${ids.length} delivered`,
      ratio,
      target: "≥ 0.5×",
      pass: ratio >= 0.5 && got === ids.length,
    },
    {
      id: "S6",
      name: `delivery, receiver failing 30 %, ${fmt(failing.length)} messages`,
      figures: `${lost} lost, ${duplicated} duplicated, ${receiver.state.failures} failed attempts retried`,
      target: "0 lost, 0 duplicated",
      pass: lost === 0 && duplicated === 0,
    },
  ];
}

/** S7: a year of the county's figures, as the county office, in a large county. */
export async function s7(stack: BenchStack, size: number, dueAt: number): Promise<Line[]> {
  const grown = performance.now();
  await growCases(stack.tenantDb, T, size, dueAt);
  const growSeconds = (performance.now() - grown) / 1000;
  const headers = await signIn(stack, "clerk");
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
  const url = `${stack.url}/api/v1/t/${T}/statistics?year=${year}`;
  await metered(url, { headers });
  const m = await metered(url, { headers });
  const batches = (m.body as { batches?: number }).batches ?? 0;
  return [
    {
      id: "S7",
      name: `getStatistics, a year, ${fmt(size)} cases`,
      figures: `${fmt(batches)} batches counted, ${fmt(m.rows)} rows read, ${m.afterAuth} trips after auth (${m.trips} in all); HTTP ${m.status}; growing the cases with their rollup triggers took ${growSeconds.toFixed(0)} s`,
      target: "≤ 2,000 rows, ≤ 2 trips after auth",
      pass: m.status === 200 && m.rows <= 2_000 && m.afterAuth <= 2 && batches >= size,
    },
  ];
}
