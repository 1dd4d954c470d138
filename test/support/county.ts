import { call } from "./client.ts";
import { addStaff, onboard, type TestTenant } from "./tenants.ts";

/**
 * A county with the people a petition meets: the county office (clerk, supervisor,
 * leader), a bureau (handler, leader) and a township (clerk-handler, leader).
 */
export interface TestCounty extends TestTenant {
  office: string;
  bureau: string;
  otherBureau: string;
  township: string;
  otherTownship: string;
  people: Record<
    | "clerk"
    | "supervisor"
    | "leader"
    | "handler"
    | "bureauLeader"
    | "otherHandler"
    | "townClerk"
    | "townLeader",
    { id: string; token: string }
  >;
}

export async function setUpCounty(code: string, name: string): Promise<TestCounty> {
  const county = await onboard(code, name, true);
  const townships = county.units.filter((u) => u.kind === "township");
  const [township, otherTownship] = townships;
  if (!township || !otherTownship) throw new Error("the county needs two townships");
  const unit = async (unitName: string) => {
    const reply = await call<{ id: string }>(`/api/v1/t/${code}/units`, {
      token: county.adminToken,
      body: { name: unitName, kind: "bureau" },
    });
    return reply.body.id;
  };
  const bureau = await unit("县人力资源和社会保障局");
  const otherBureau = await unit("县民政局");
  const person = (username: string, roles: string[], unitId: string) =>
    addStaff(county, { username, roles, unitId });
  return {
    ...county,
    office: county.countyUnitId,
    bureau,
    otherBureau,
    township: township.id,
    otherTownship: otherTownship.id,
    people: {
      clerk: await person("clerk", ["clerk"], county.countyUnitId),
      supervisor: await person("supervisor", ["supervisor"], county.countyUnitId),
      leader: await person("leader", ["leader"], county.countyUnitId),
      handler: await person("handler", ["handler"], bureau),
      bureauLeader: await person("bureau-leader", ["leader"], bureau),
      otherHandler: await person("other-handler", ["handler"], otherBureau),
      townClerk: await person("town-clerk", ["clerk", "handler"], township.id),
      townLeader: await person("town-leader", ["leader"], township.id),
    },
  };
}

export const intake = (overrides: Record<string, unknown> = {}) => ({
  channel: "visit",
  purpose: "request",
  categoryCode: "06.02",
  receivedAt: new Date().toISOString(),
  petitioner: {
    name: "王小明",
    idNumber: "110101199003070011",
    phone: "13812345678",
    address: "卢峰镇某村",
  },
  facts: "某公司拖欠工资三个月。",
  demands: "请求责令公司支付拖欠工资。",
  hardships: "家中老人患病，急需用钱。",
  ...overrides,
});

export interface PetitionReply {
  id: string;
  trackingCode: string;
  version: number;
  status: string;
  availableActions: string[];
  deadlines: Record<string, { due: string; state: string }>;
  flags: Record<string, unknown>;
  petitioner?: { name: string; phone?: string; idNumber?: string; masked: boolean };
  [key: string]: unknown;
}

export function register(
  county: TestCounty,
  token: string,
  overrides: Record<string, unknown> = {},
) {
  return call<PetitionReply>(`/api/v1/t/${county.code}/petitions`, {
    token,
    body: intake(overrides),
  });
}

export function act(
  county: TestCounty,
  token: string,
  petitionId: string,
  path: string,
  body: Record<string, unknown> = {},
) {
  return call<PetitionReply & { error?: { code: string; details?: Record<string, unknown> } }>(
    `/api/v1/t/${county.code}/petitions/${petitionId}/${path}`,
    { token, body },
  );
}

export function getCase(county: TestCounty, token: string, petitionId: string) {
  return call<PetitionReply>(`/api/v1/t/${county.code}/petitions/${petitionId}`, { token });
}
