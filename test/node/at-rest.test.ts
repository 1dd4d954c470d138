import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { humanCheck } from "../../workers/dev/seed.ts";
import { type Stack, startStack } from "../../workers/dev/stack.ts";

/**
 * Runs the whole product on workerd with its state in a fresh directory, takes citizens
 * through booking, the day's queue, online and staff-registered petitions and SMS, then
 * reads every SQLite file the product wrote, byte by byte, for their names, phones and ID
 * numbers: as someone holding a copy of the database files would.
 */
const CITIZENS = {
  booker: { name: "欧阳明华", phone: "13912345671", idNumber: "431224198001011238" },
  walkIn: { name: "司马青云", phone: "13912345672" },
  online: { name: "诸葛文秀", phone: "13912345673" },
  visitor: { name: "上官雨桐", phone: "13912345674", idNumber: "431224199105124565" },
};
const SECRETS = Object.values(CITIZENS).flatMap((c) => Object.values(c));

let stack: Stack;
let persist: string;

beforeAll(async () => {
  persist = mkdtempSync(join(tmpdir(), "lianxin-at-rest-"));
  stack = await startStack({ port: 18_700 + Math.floor(Math.random() * 800), persistTo: persist });
}, 240_000);

afterAll(async () => {
  await stack?.stop();
  rmSync(persist, { recursive: true, force: true });
});

type Reply<T> = { status: number; body: T };

async function api<T = Record<string, unknown>>(
  path: string,
  init: { method?: string; body?: unknown; token?: string } = {},
): Promise<Reply<T>> {
  const response = await fetch(`${stack.url}/api/v1${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: {
      ...(init.body !== undefined && { "content-type": "application/json" }),
      ...(init.token && { authorization: `Bearer ${init.token}` }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
}

function must<T>(reply: Reply<T>, status: number, what: string): T {
  if (reply.status !== status)
    throw new Error(`${what}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

const cstDate = (days: number) =>
  new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

async function scenario() {
  const code = "431202";
  const password = "at-rest-admin-123";
  const onboarded = must(
    await api<{ units: { id: string; kind: string }[] }>("/tenants", {
      token: stack.platformToken,
      body: {
        code,
        name: "鹤城区",
        admin: { username: "admin", password, displayName: "管理员" },
      },
    }),
    201,
    "onboard",
  );
  const office = onboarded.units.find((u) => u.kind === "county")?.id ?? "";
  const { token } = must(
    await api<{ token: string }>("/auth/login", {
      body: { tenant: code, username: "admin", password },
    }),
    200,
    "login",
  );
  const t = `/t/${code}`;
  const leader = must(
    await api<{ id: string }>(`${t}/staff`, {
      token,
      body: {
        username: "leader",
        password: "leader-password-123",
        displayName: "县长",
        unitId: office,
        roles: ["leader"],
      },
    }),
    201,
    "leader",
  );
  must(
    await api(`${t}/staff`, {
      token,
      body: {
        username: "clerk",
        password: "clerk-password-123",
        displayName: "接访员",
        unitId: office,
        roles: ["clerk"],
      },
    }),
    201,
    "clerk",
  );
  const clerk = must(
    await api<{ token: string }>("/auth/login", {
      body: { tenant: code, username: "clerk", password: "clerk-password-123" },
    }),
    200,
    "clerk login",
  ).token;
  const date = cstDate(2);
  const sessions = must(
    await api<{ sessions: { id: string }[] }>(`${t}/reception/sessions`, {
      token,
      body: {
        leaderId: leader.id,
        date,
        startTime: "08:30",
        endTime: "11:30",
        venue: "区信访局",
        form: "fixed",
        slotMinutes: 30,
        capacityPerSlot: 2,
      },
    }),
    201,
    "session",
  );
  const sessionId = sessions.sessions[0]?.id ?? "";
  must(
    await api(`${t}/reception/sessions/publish`, { token, body: { from: date, to: date } }),
    200,
    "publish",
  );
  const check = () => humanCheck(api, t);

  // A citizen books with a one-time code read from the development SMS outbox.
  const { booker, walkIn, online, visitor } = CITIZENS;
  must(
    await api(`${t}/public/booking-code`, { body: { phone: booker.phone, altcha: await check() } }),
    202,
    "code",
  );
  let otp = "";
  for (let i = 0; i < 50 && !otp; i += 1) {
    const outbox = await api<{ items: { recipient: string; body: string }[] }>(`${t}/dev/outbox`);
    const sms = outbox.body.items.find((m) => m.recipient === booker.phone);
    otp = (sms && /验证码是\s*(\d{6})/.exec(sms.body)?.[1]) ?? "";
    if (!otp) await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const booked = must(
    await api<{ bookingCode: string }>(`${t}/public/bookings`, {
      body: {
        sessionId,
        slotStart: "08:30",
        name: booker.name,
        phone: booker.phone,
        idNumber: booker.idNumber,
        code: otp,
        topic: "反映征地补偿问题",
        altcha: await check(),
      },
    }),
    201,
    "book",
  );
  must(
    await api(`${t}/public/bookings/${booked.bookingCode}/reschedule`, {
      body: { phoneLast4: booker.phone.slice(-4), slotStart: "09:00" },
    }),
    200,
    "reschedule",
  );

  // The day's desk: the booking checks in, a walk-in is given a number.
  const desk = (path: string, body: unknown) =>
    api(`${t}/reception/sessions/${sessionId}/${path}`, { token: clerk, body });
  must(await desk("check-in", { bookingCode: booked.bookingCode }), 200, "check in");
  must(
    await desk("check-in", { walkIn: { name: walkIn.name, phone: walkIn.phone } }),
    200,
    "walk-in",
  );

  // An online petition and one registered at the counter.
  must(
    await api(`${t}/public/petitions`, {
      body: {
        purpose: "request",
        categoryCode: "15.01",
        petitioner: online,
        facts: "小区拆迁补偿未到位。",
        demands: "请求按标准补偿。",
        altcha: await check(),
      },
    }),
    201,
    "online petition",
  );
  must(
    await api(`${t}/petitions`, {
      token: clerk,
      body: {
        channel: "visit",
        purpose: "request",
        categoryCode: "15.01",
        petitioner: visitor,
        facts: "工资被拖欠三个月。",
        demands: "请求督促支付。",
        receivedAt: new Date().toISOString(),
      },
    }),
    201,
    "visit petition",
  );
  // The booking copy, the audit seal and the SMS deliveries settle in the background.
  await new Promise((resolve) => setTimeout(resolve, 4_000));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe("personal data at rest", () => {
  it("is nowhere in clear in the SQLite files of D1 and the Durable Objects", async () => {
    await scenario();
    await stack.stop();
    const files = filesUnder(persist).filter((f) => /\.sqlite(-wal)?$/.test(f));
    // D1 (control and tenant) and the objects (sessions, phones, monitor) all wrote files.
    expect(files.some((f) => f.includes("D1"))).toBe(true);
    expect(files.some((f) => f.includes("ReceptionSession"))).toBe(true);
    expect(files.some((f) => f.includes("PhoneGate"))).toBe(true);
    const hits = files.flatMap((file) => {
      const bytes = readFileSync(file);
      return SECRETS.filter((secret) => bytes.includes(Buffer.from(secret, "utf8"))).map(
        (secret) => `${file.slice(persist.length)}: ${secret}`,
      );
    });
    expect(hits).toEqual([]);
  }, 180_000);
});
