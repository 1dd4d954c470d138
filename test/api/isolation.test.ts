import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../support/client.ts";
import { addStaff, onboard, type TestTenant } from "../support/tenants.ts";

interface Operation {
  method: string;
  path: string;
  operationId: string;
  secured: boolean;
}

/** Every tenant-scoped operation the API documents, so new routes join the matrix by themselves. */
async function tenantOperations(): Promise<Operation[]> {
  const doc = await call<{
    paths: Record<string, Record<string, { operationId: string; security?: unknown[] }>>;
  }>("/api/v1/openapi.json");
  return Object.entries(doc.body.paths)
    .filter(([path]) => path.startsWith("/api/v1/t/{tenant}"))
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        operationId: op.operationId,
        secured: (op.security?.length ?? 0) > 0,
      })),
    );
}

let a: TestTenant;
let b: TestTenant;
let aStaffId: string;
let aPetitionId: string;
let aSessionId: string;
/** A staff member of county B with every role, so only the record decides the answer. */
let bEveryRole: string;
let operations: Operation[];

beforeAll(async () => {
  a = await onboard("300001", "甲县");
  b = await onboard("300002", "乙县");
  const clerk = await addStaff(a, { username: "clerk", roles: ["clerk"] });
  aStaffId = clerk.id;
  const petition = await call<{ id: string }>(`/api/v1/t/${a.code}/petitions`, {
    token: clerk.token,
    body: {
      channel: "letter",
      purpose: "request",
      categoryCode: "06.02",
      receivedAt: new Date().toISOString(),
      anonymous: true,
      facts: "甲县的案件",
      demands: "诉求",
    },
  });
  aPetitionId = petition.body.id;
  const leader = await addStaff(a, { username: "leader", roles: ["leader"] });
  const session = await call<{ sessions: { id: string }[] }>(
    `/api/v1/t/${a.code}/reception/sessions`,
    {
      token: clerk.token,
      body: {
        leaderId: leader.id,
        date: new Date(Date.now() + 8 * 3_600_000 + 3 * 86_400_000).toISOString().slice(0, 10),
        startTime: "08:30",
        endTime: "11:30",
        venue: "甲县信访局",
        form: "fixed",
        slotMinutes: 30,
        capacityPerSlot: 1,
      },
    },
  );
  aSessionId = session.body.sessions[0]?.id ?? "";
  bEveryRole = (
    await addStaff(b, {
      username: "everyone",
      roles: ["tenant_admin", "clerk", "handler", "leader", "supervisor"],
    })
  ).token;
  operations = await tenantOperations();
});

const resolve = (op: Operation, tenant: string) =>
  op.path
    .replace("{tenant}", tenant)
    .replace("{unitId}", a.countyUnitId)
    .replace("{staffId}", aStaffId)
    .replace("{petitionId}", aPetitionId)
    .replace("{sessionId}", aSessionId)
    .replace("{number}", "1")
    .replace("{supervisionId}", "none");

const sampleBody = { name: "探测", kind: "bureau" };

/** A body each operation would accept, so the answer is about the record, not the input. */
const validBody: Record<string, unknown> = {
  updateUnit: { name: "改名" },
  rebuildLeaderCounts: {},
  updateStaff: { displayName: "改名" },
  declinePetition: { reason: "探测", ground: "other" },
  withdrawCaseFile: { reason: "探测" },
  requestSearchReindex: {},
  correctPetition: { version: 1, reason: "探测", facts: "探测" },
  issueDocument: { kind: "acceptance_notice" },
  forwardPetition: { toUnitId: "x" },
  assignPetition: { toUnitId: "x" },
  objectPetition: { reason: "探测" },
  replyPetition: {
    request: "a",
    factsAndReasons: "b",
    decision: "c",
    legalBasis: "d",
    outcome: "explain",
  },
  extendPetition: { days: 1, reason: "探测" },
  recordHearing: { startedOn: "2026-01-05", endedOn: "2026-01-06" },
  assignOwnerLeader: { leaderId: "x" },
  designateHandler: { handlerId: "x" },
  closePetition: {
    factsClear: true,
    handled: true,
    fileComplete: true,
    petitionerOpinion: "x",
    method: "handled",
  },
  recordFollowUp: { note: "探测" },
  requestExtension: { days: 1, reason: "探测" },
  refuseExtension: { reason: "探测" },
  sendBackForRehandling: { reason: "探测", reportDue: "2099-01-05" },
  recordPetitionerNotice: { method: "letter", content: "探测" },
  openSupervisionEarly: { form: "listed", due: "2099-01-05" },
  addAssistingUnit: { unitId: "x" },
  addAssistingOpinion: { text: "探测" },
  finishCaseReview: { conclusion: "探测" },
  declareRecusal: { reason: "探测" },
  updateReceptionSession: { venue: "探测" },
  cancelReceptionSession: { reason: "探测" },
  checkIn: { walkIn: { name: "探测" } },
  completeTicket: { purpose: "request", categoryCode: "06.02", facts: "a", demands: "b" },
  transferTicket: { toSessionId: "x" },
  updateOversightSettings: { backlogDays: 60 },
  inviteToAppointment: { petitionId: "x", slotStart: "09:00" },
  cancelAppointment: {},
  addFieldCase: { petitionId: "x" },
  routeTicket: { desk: 2 },
  setSessionDesks: { desks: [] },
  createSuggestion: {
    kind: "improvement",
    unitId: "x",
    sentOn: "2026-01-05",
    title: "探测",
    content: "探测",
  },
  recordSuggestionOutcome: { version: 1, outcome: "adopted", answeredOn: "2026-01-06" },
};

describe("tenant isolation", () => {
  it("covers every tenant route in the OpenAPI document", () => {
    expect(operations.map((op) => op.operationId)).toEqual(
      expect.arrayContaining([
        "listUnits",
        "createUnit",
        "updateUnit",
        "listStaff",
        "createStaff",
        "updateStaff",
        "updateTenant",
      ]),
    );
  });

  it("answers 404 NOT_FOUND, never 403, to another county's token on every tenant route", async () => {
    for (const op of operations.filter((o) => o.secured)) {
      const reply = await call(resolve(op, a.code), {
        method: op.method,
        token: b.adminToken,
        ...(op.method !== "GET" && { body: sampleBody }),
      });
      expect(reply.status, `${op.operationId} ${op.method} ${op.path}`).toBe(404);
      expect(reply.body).toMatchObject({ error: { code: "NOT_FOUND" } });
    }
  });

  it("answers 404 to a county's own token asking for another county's record", async () => {
    const withIds = operations.filter(
      (o) =>
        o.secured &&
        /\{(unitId|staffId|petitionId|sessionId)\}/.test(o.path) &&
        !o.path.endsWith("/watch"),
    );
    for (const op of withIds) {
      const reply = await call(resolve(op, b.code), {
        method: op.method,
        token: bEveryRole,
        ...(op.method !== "GET" && { body: validBody[op.operationId] ?? {} }),
      });
      expect(reply.status, op.operationId).toBe(404);
    }
  });

  it("keeps lists to the county's own rows", async () => {
    const units = await call<{ units: { id: string }[] }>(`/api/v1/t/${b.code}/units`, {
      token: b.adminToken,
    });
    expect(units.body.units.map((u) => u.id)).not.toContain(a.countyUnitId);
    const staff = await call<{ staff: { id: string }[] }>(`/api/v1/t/${b.code}/staff`, {
      token: b.adminToken,
    });
    expect(staff.body.staff.map((s) => s.id)).not.toContain(aStaffId);
    expect(staff.body.staff.map((s) => s.id)).not.toContain(aStaffId);
    expect(staff.body.staff).toHaveLength(2);
  });

  it("does not let a county place staff in another county's unit", async () => {
    const reply = await call(`/api/v1/t/${b.code}/staff`, {
      token: b.adminToken,
      body: {
        username: "spy",
        password: "spy-password-1",
        displayName: "x",
        unitId: a.countyUnitId,
        roles: ["clerk"],
      },
    });
    expect(reply.status).toBe(422);
  });
});
