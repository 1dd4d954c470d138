import type { PetitionAction } from "../../../schema/reference/petition-actions.ts";
import type { StaffRole } from "../../../schema/reference/roles.ts";
import type { PetitionRow, StaffRow } from "../../../schema/tenant/tables.ts";
import { withdrawUnseenStatements } from "../../storage/notify.ts";
import { listStaff } from "../../storage/staff.ts";
import { lookupHash } from "../crypto/pii.ts";
import {
  type CaseContext,
  countyOffice,
  type StaffView,
  staffView,
} from "../tenancy/county-context.ts";
import { type Notice, noticeStatements } from "./notices.ts";
import type { LoadedSettings } from "./settings-store.ts";

const ROUTE_WORDS: Partial<Record<PetitionAction, string>> = { forward: "转送", assign: "交办" };

/**
 * Who must act after this step, told at once: the receiving unit on a forward or an
 * assignment (and the owner leader when one is set), the owner leader when named, the
 * handler when designated, the county office (and the unit that sent the case) on an
 * objection and on every reply — a reply to a case assigned is its completion report.
 */
export function whoMustAct(
  ctx: CaseContext,
  staff: readonly StaffRow[],
  action: PetitionAction | "register" | "supervise" | "assist",
  before: PetitionRow,
  after: PetitionRow,
  step: { formLabel?: string | undefined; unitId?: string | undefined } = {},
): Omit<Notice, "key">[] {
  const active = staff.filter((s) => !s.disabled);
  const inUnit = (unitId: string | undefined, ...roles: StaffRole[]) =>
    active.filter((s) => s.unitId === unitId && s.roles.some((r) => roles.includes(r)));
  const byId = (id: string | null) => active.filter((s) => s.id === id);
  const office = countyOffice(ctx.units);
  const unitName = (id: string | null | undefined) =>
    ctx.units.find((u) => u.id === id)?.name ?? "";
  const base = {
    petitionId: after.id,
    link: `/t/${ctx.scope.tenant}/console/petitions/${after.id}`,
    confidential: after.confidential,
  };
  const category = ctx.taxonomy.name(after.categoryCode);
  switch (action) {
    case "register":
      if (after.headcount < ctx.policy.groupVisitAlertAt) return [];
      return [
        {
          ...base,
          event: "case.groupVisit",
          params: {
            headcount: after.headcount,
            unit: unitName(after.registeringUnitId),
            trackingCode: after.trackingCode,
            category,
          },
          staff: inUnit(office?.id, "clerk", "supervisor", "leader"),
        },
      ];
    case "assist":
      return [
        {
          ...base,
          event: "case.routed",
          params: {
            action: "协办",
            from: unitName(after.responsibleUnitId),
            unit: unitName(step.unitId),
            trackingCode: after.trackingCode,
            category,
          },
          staff: inUnit(step.unitId, "clerk", "leader"),
        },
      ];
    case "supervise":
      return [
        {
          ...base,
          event: "supervision.opened",
          params: {
            unit: unitName(after.responsibleUnitId),
            trackingCode: after.trackingCode,
            form: step.formLabel ?? "挂牌督办",
          },
          staff: [
            ...inUnit(after.responsibleUnitId, "leader"),
            ...byId(after.handlerId),
            ...byId(after.ownerLeaderId),
          ],
        },
      ];
    case "forward":
    case "assign":
      return [
        {
          ...base,
          event: "case.routed",
          params: {
            action: ROUTE_WORDS[action] ?? "",
            from: unitName(before.responsibleUnitId),
            unit: unitName(after.responsibleUnitId),
            trackingCode: after.trackingCode,
            category,
          },
          staff: [
            ...inUnit(after.responsibleUnitId, "clerk", "leader"),
            ...byId(after.ownerLeaderId),
          ],
        },
      ];
    case "assignOwner":
      return [
        {
          ...base,
          event: "case.ownerAssigned",
          params: { trackingCode: after.trackingCode, category },
          staff: byId(after.ownerLeaderId),
        },
      ];
    case "designateHandler":
      return [
        {
          ...base,
          event: "case.handlerDesignated",
          params: { trackingCode: after.trackingCode, category },
          staff: byId(after.handlerId),
        },
      ];
    case "object":
      return [
        {
          ...base,
          event: "case.objected",
          params: {
            unit: unitName(before.responsibleUnitId),
            trackingCode: after.trackingCode,
            reason: after.routing?.objection?.reason ?? "",
          },
          staff: [
            ...inUnit(office?.id, "clerk", "supervisor"),
            ...inUnit(after.responsibleUnitId, "clerk", "leader"),
          ],
        },
      ];
    case "reply": {
      const sender = before.routing && before.routing.kind !== "accept" ? before.routing : null;
      return [
        {
          ...base,
          event: "case.replied",
          params: {
            unit: unitName(before.responsibleUnitId),
            trackingCode: after.trackingCode,
            category,
          },
          staff: [
            ...inUnit(office?.id, "clerk", "supervisor"),
            ...(sender ? inUnit(sender.fromUnitId, "clerk", "leader") : []),
            ...byId(after.ownerLeaderId),
          ],
        },
      ];
    }
    case "requestReview":
    case "requestReReview":
      return [
        {
          ...base,
          event: "case.reviewRequested",
          params: {
            trackingCode: after.trackingCode,
            category,
            kind: action === "requestReview" ? "复查" : "复核",
          },
          staff: [
            ...inUnit(office?.id, "clerk", "supervisor"),
            ...inUnit(after.responsibleUnitId, "clerk", "leader"),
            ...byId(after.handlerId),
          ],
        },
      ];
    case "requestExtension":
      return [
        {
          ...base,
          event: "case.extensionRequested",
          params: {
            trackingCode: after.trackingCode,
            category,
            days: after.extensionRequest?.days ?? 0,
            reason: after.extensionRequest?.reason ?? "",
          },
          // §34: approved by the head of the handling unit.
          staff: inUnit(after.responsibleUnitId, "leader"),
        },
      ];
    case "sendBack":
      return [
        {
          ...base,
          event: "case.sentBack",
          params: {
            trackingCode: after.trackingCode,
            reason: after.routing?.report?.sentBack?.at(-1)?.reason ?? "",
            due: after.routing?.reportDue ?? "",
          },
          staff: [
            ...byId(after.handlerId),
            ...inUnit(after.responsibleUnitId, "clerk", "leader"),
            ...byId(after.ownerLeaderId),
          ],
        },
      ];
    default:
      return [];
  }
}

/**
 * The statements that tell them, for the batch that moves the case to `after.version`.
 * The actor is not told of their own step. Each row written for a person is taken back in
 * the same batch if the visibility rule, applied to the case as written, hides it from them.
 */
export async function mustActStatements(
  ctx: CaseContext,
  settings: LoadedSettings,
  actor: StaffView | null,
  action: PetitionAction | "register" | "supervise" | "assist",
  before: PetitionRow,
  after: PetitionRow,
  step: { formLabel?: string | undefined; unitId?: string | undefined } = {},
  /** The county's staff, when the caller read them in its own batch. */
  knownStaff?: StaffRow[],
) {
  const staff = knownStaff ?? (await listStaff(ctx.scope));
  const statements = [];
  for (const notice of whoMustAct(ctx, staff, action, before, after, step)) {
    const key = `case:${after.id}:${after.version}:${notice.event}`;
    const people = (notice.staff ?? []).filter(
      (s, i, all) => s.id !== actor?.staffId && all.findIndex((o) => o.id === s.id) === i,
    );
    if (people.length === 0) continue;
    statements.push(
      ...(await noticeStatements(
        ctx.scope,
        ctx.keys,
        settings,
        { ...notice, key, staff: people },
        ctx.now,
      )),
    );
    for (const member of people) {
      statements.push(
        ...withdrawUnseenStatements(ctx.scope, staffView(member, ctx.units), {
          petitionId: after.id,
          notificationId: `${key}:${member.id}`,
          deliveryKey: `${key}:web_push:${await lookupHash(ctx.keys, "recipient", member.id)}`,
        }),
      );
    }
  }
  return statements;
}
