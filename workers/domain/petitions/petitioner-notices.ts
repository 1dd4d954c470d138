import type { PetitionAction } from "../../../schema/reference/petition-actions.ts";
import type { PetitionRow } from "../../../schema/tenant/tables.ts";
import { insertPetitionNoticeStatement } from "../../storage/petition-notices.ts";
import { deadlineFor } from "../deadlines/index.ts";
import { noticeStatements } from "../notify/notices.ts";
import type { LoadedSettings } from "../notify/settings-store.ts";
import type { CaseContext } from "../tenancy/county-context.ts";
import { unsealParties } from "./view.ts";

/** A step the petitioner is owed word of, as the SMS and the tracking page tell it. */
export interface OwedNotice {
  kind: string;
  content: string;
}

/** Channels where the citizen is there when the case is registered. */
const CITIZEN_PRESENT: ReadonlySet<string> = new Set(["visit", "reception", "online"]);

const STAGE_NAMES = { first: "处理意见书", review: "复查意见书", reReview: "复核意见书" } as const;

/**
 * What the petitioner is owed after a step (§21–§23, §34–§36): registration with the
 * tracking code; acceptance, or decline with its reason; where the case was sent; an
 * extension with its reason and new date; a written decision with how to obtain it, the
 * review window and the invitation to evaluate. Sent whenever the petitioner gave a phone:
 * the §23 clock (owed only with a name and an address) is a separate matter, and a
 * petitioner who gave only a phone still always knows.
 */
export function owedNotice(
  ctx: CaseContext,
  action: PetitionAction | "register",
  after: PetitionRow,
  detail: { reason?: string | undefined; days?: number | undefined },
): OwedNotice | undefined {
  const unit = ctx.units.find((u) => u.id === after.responsibleUnitId)?.name ?? "";
  switch (action) {
    case "register":
      return {
        kind: action,
        content: "已登记。可在“进度查询”页凭查询码和手机号后四位查看办理进度。",
      };
    case "accept":
      return { kind: action, content: `已受理，由${unit}办理。` };
    case "decline":
      return {
        kind: action,
        content: `不予受理。理由：${detail.reason ?? ""}。如有疑问可向县信访局咨询。`,
      };
    case "forward":
      return { kind: action, content: `已转送${unit}办理。` };
    case "assign":
      return { kind: action, content: `已交办${unit}办理。` };
    case "extend": {
      const due = after.deadlines.handle?.due ?? "";
      return {
        kind: action,
        content: `办理期限延长 ${detail.days ?? 0} 日，延至 ${due}。理由：${detail.reason ?? ""}。`,
      };
    }
    case "reply": {
      const stage = after.reply?.stage ?? "first";
      const by = ctx.units.find((u) => u.id === after.reply?.unitId)?.name ?? unit;
      const obtain = `${by}已出具${STAGE_NAMES[stage]}，可在“进度查询”页查看，或到${by}领取书面文本。`;
      const invite = "欢迎在“进度查询”页对办理情况作出评价。";
      if (stage === "reReview")
        return { kind: action, content: `${obtain}复核意见为最终意见。${invite}` };
      const key = stage === "first" ? "reviewRequest" : "reReviewRequest";
      const window = deadlineFor(key, ctx.today, ctx.policy, ctx.calendar).due;
      const next = stage === "first" ? "复查" : "复核";
      return {
        kind: action,
        content: `${obtain}如不服，可于 ${window} 前请求${next}。${invite}`,
      };
    }
    default:
      return undefined;
  }
}

/**
 * The statements that send an owed notice by SMS to the phone the petitioner gave (quiet
 * hours apply) and record it on the case. Without a phone nothing is sent or recorded:
 * staff tell them by letter or on the spot and record that.
 */
export async function petitionerNoticeStatements(
  ctx: CaseContext,
  settings: LoadedSettings,
  row: PetitionRow,
  owed: OwedNotice,
) {
  const phone = (await unsealParties(ctx, row)).petitioner?.phone;
  if (!phone) return [];
  return [
    ...(await noticeStatements(
      ctx.scope,
      ctx.keys,
      settings,
      {
        event: "petitioner.notice",
        key: `petitioner:${row.id}:${row.version}:${owed.kind}`,
        params: { trackingCode: row.trackingCode, message: owed.content },
        petitionId: row.id,
        phone,
        confidential: true,
        // Registered while the citizen is at the desk or has just submitted online: the code
        // is the answer to what they just did, so it goes even in the quiet hours.
        immediate: owed.kind === "register" && CITIZEN_PRESENT.has(row.channel),
      },
      ctx.now,
    )),
    insertPetitionNoticeStatement(ctx.scope, {
      petitionId: row.id,
      kind: owed.kind,
      method: "sms",
      content: owed.content,
      at: ctx.now,
      recordedBy: null,
    }),
  ];
}
