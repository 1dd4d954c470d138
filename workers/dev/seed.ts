import { type Challenge, solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import {
  DEMO_BUREAUS,
  DEMO_CONTACT,
  DEMO_ONLINE_PETITION,
  DEMO_PASSWORD,
  DEMO_STAFF,
  DEMO_STAFF_PETITIONS,
  DEMO_TENANT,
} from "./demo-county.ts";

/** Solves the county's human check the way the ALTCHA widget does in a browser. */
export async function humanCheck(api: Api, t: string) {
  const challenge = await api<Challenge>(`${t}/public/challenge`, {});
  const solution = await solveChallenge({ challenge: challenge.body, deriveKey });
  if (!solution) throw new Error("Could not solve the human check");
  return btoa(JSON.stringify({ challenge: challenge.body, solution }));
}

type Api = <T>(
  path: string,
  init: { method?: string; body?: unknown; token?: string },
) => Promise<{ status: number; body: T }>;

interface Unit {
  id: string;
  name: string;
  kind: string;
}

/**
 * Seeds the demo county through the public API, exactly as an operator would onboard a
 * real one. Safe to run again: whatever exists already is left as it is.
 */
export async function seedDemoCounty(baseUrl: string, platformToken: string) {
  const api = async <T>(
    path: string,
    init: { method?: string; body?: unknown; token?: string },
  ) => {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method: init.method ?? (init.body ? "POST" : "GET"),
      headers: {
        ...(init.body !== undefined && { "content-type": "application/json" }),
        ...(init.token && { authorization: `Bearer ${init.token}` }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const body = response.status === 204 ? undefined : await response.json();
    return { status: response.status, body: body as T };
  };

  const created = await api("/tenants", {
    token: platformToken,
    body: {
      ...DEMO_TENANT,
      importDivisions: true,
      contact: DEMO_CONTACT,
      admin: { username: "admin", password: DEMO_PASSWORD, displayName: "系统管理员" },
    },
  });
  if (created.status !== 201 && created.status !== 409) {
    throw new Error(`Could not onboard the demo county: ${JSON.stringify(created.body)}`);
  }

  const login = await api<{ token: string }>("/auth/login", {
    body: { tenant: DEMO_TENANT.code, username: "admin", password: DEMO_PASSWORD },
  });
  if (login.status !== 200) {
    // The demo admin's password was changed by hand: leave that county alone.
    return { seeded: false };
  }
  const token = login.body.token;
  const t = `/t/${DEMO_TENANT.code}`;

  let units = (await api<{ units: Unit[] }>(`${t}/units`, { token })).body.units;
  for (const name of DEMO_BUREAUS) {
    if (!units.some((unit) => unit.name === name)) {
      await api(`${t}/units`, { token, body: { name, kind: "bureau" } });
    }
  }
  units = (await api<{ units: Unit[] }>(`${t}/units`, { token })).body.units;
  const countyOffice = units.find((unit) => unit.kind === "county");
  if (!countyOffice) throw new Error("The demo county has no county office");

  for (const member of DEMO_STAFF) {
    const unit = member.unit ? units.find((u) => u.name === member.unit) : countyOffice;
    if (!unit) throw new Error(`Demo unit ${member.unit} is missing`);
    const { unit: _unit, ...profile } = member;
    const reply = await api(`${t}/staff`, {
      token,
      body: { ...profile, password: DEMO_PASSWORD, unitId: unit.id },
    });
    if (reply.status !== 201 && reply.status !== 409) {
      throw new Error(`Could not create ${member.username}: ${JSON.stringify(reply.body)}`);
    }
  }
  await api("/auth/logout", { token, method: "POST" });
  const demoTracking = await seedDemoPetitions(api, t, units);
  await seedDemoReception(api, t);
  return { seeded: true, demoTracking };
}

/**
 * A few cases so the console and the tracking page have something to show. Seeded only
 * into an empty county, so running `npm start` again adds nothing.
 */
async function seedDemoPetitions(api: Api, t: string, units: Unit[]) {
  const signIn = async (username: string) =>
    (
      await api<{ token: string }>("/auth/login", {
        body: { tenant: DEMO_TENANT.code, username, password: DEMO_PASSWORD },
      })
    ).body.token;
  const clerk = await signIn("clerk");
  const existing = await api<{ items: unknown[] }>(`${t}/petitions?limit=1`, { token: clerk });
  if (existing.body.items.length > 0) return undefined;

  const online = await api<{ trackingCode: string }>(`${t}/public/petitions`, {
    body: { ...DEMO_ONLINE_PETITION, altcha: await humanCheck(api, t) },
  });
  for (const { clerk: username, assignTo, body } of DEMO_STAFF_PETITIONS) {
    const token = await signIn(username);
    const created = await api<{ id: string }>(`${t}/petitions`, {
      token,
      body: { ...body, receivedAt: new Date().toISOString() },
    });
    const unit = units.find((u) => u.name === assignTo);
    if (unit) {
      await api(`${t}/petitions/${created.body.id}/assign`, {
        token,
        body: { toUnitId: unit.id, instructions: "请依法依规办理，按期报送办结报告。" },
      });
    }
  }
  return {
    trackingCode: online.body.trackingCode,
    phoneLast4: DEMO_ONLINE_PETITION.petitioner.phone.slice(-4),
  };
}

/**
 * Reception days for the next two weeks: the county's deputy head every Tuesday and
 * Thursday morning, published so citizens can book at once. Seeded into an empty schedule.
 */
async function seedDemoReception(api: Api, t: string) {
  const token = (
    await api<{ token: string }>("/auth/login", {
      body: { tenant: DEMO_TENANT.code, username: "clerk", password: DEMO_PASSWORD },
    })
  ).body.token;
  const day = (offset: number) =>
    new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
  const existing = await api<{ sessions: unknown[] }>(
    `${t}/reception/schedule?from=${day(0)}&to=${day(30)}`,
    { token },
  );
  if (existing.body.sessions.length > 0) return;
  const directory = await api<{
    staff: { id: string; roles: string[]; unitId: string; displayName: string }[];
  }>(`${t}/staff/directory`, { token });
  const leader = directory.body.staff.find((s) => s.displayName === "王建国");
  if (!leader) return;
  await api(`${t}/reception/sessions`, {
    token,
    body: {
      leaderId: leader.id,
      date: day(1),
      startTime: "08:30",
      endTime: "11:30",
      venue: "县信访局一楼领导接访室",
      form: "fixed",
      slotMinutes: 20,
      capacityPerSlot: 2,
      portfolio: "分管信访、政法、应急管理",
      topics: "征地拆迁、劳动保障、涉法涉诉",
      repeat: { rule: { kind: "weekly", weekdays: [2, 4], skipHolidays: true }, until: day(14) },
    },
  });
  await api(`${t}/reception/sessions/publish`, { token, body: { from: day(0), to: day(14) } });
}
