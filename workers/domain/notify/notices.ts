import type { DeliveryChannel } from "../../../schema/reference/notify-delivery.ts";
import { DEFAULT_TEMPLATES, type NotifyEvent } from "../../../schema/reference/notify-events.ts";
import type { StaffRow } from "../../../schema/tenant/tables.ts";
import {
  type HandOff,
  insertDeliveryStatement,
  type NewDelivery,
} from "../../storage/deliveries.ts";
import { insertNotificationsStatements } from "../../storage/notify.ts";
import type { TenantScope } from "../../storage/tenant-scope.ts";
import { encryptPii, lookupHash, type TenantKeys } from "../crypto/pii.ts";
import { maskPhone } from "../petitioner/mask.ts";
import { renderTemplate } from "./render.ts";
import { releaseTime } from "./settings.ts";
import type { LoadedSettings } from "./settings-store.ts";

/** Messages that answer what a citizen has just done, sent even in the quiet hours. */
const IMMEDIATE: ReadonlySet<NotifyEvent> = new Set([
  "booking.code",
  "reception.booked",
  "reception.registered",
]);

/** One thing to tell people about, rendered once and fanned out to routes and people. */
export interface Notice {
  event: NotifyEvent;
  /** Same key, same notice: a scan that runs twice creates nothing twice. */
  key: string;
  params: Record<string, string | number>;
  petitionId?: string | undefined;
  link?: string | undefined;
  /** Staff to tell in the inbox and by Web Push. */
  staff?: StaffRow[] | undefined;
  /** A citizen's phone, for SMS. */
  phone?: string | undefined;
  /** Confidential matters never go to group channels, where the accused may read them. */
  confidential?: boolean | undefined;
  /** An answer to what the citizen has just done (e.g. their visit registered): no quiet hours. */
  immediate?: boolean | undefined;
}

const GROUP_CHANNELS: DeliveryChannel[] = ["wecom", "dingtalk", "webhook", "email"];

/**
 * The statements that record a notice: inbox rows for staff, and outbox rows (deliveries)
 * for every configured channel its route names. Run them in the same batch as whatever
 * caused the notice; `flushOutbox` hands the deliveries to the queue afterwards. Given
 * `handedOff`, the deliveries are written already taken and listed there instead, for the
 * caller to `handOff` itself once its batch commits (the deadline scan: no claim reads back
 * the hundreds it writes).
 */
export async function noticeStatements(
  scope: TenantScope,
  keys: TenantKeys,
  loaded: LoadedSettings,
  notice: Notice,
  now: Date,
  handedOff?: { at: Date; taken: HandOff[] },
) {
  const route = loaded.settings.routes[notice.event];
  const template = loaded.settings.templates[notice.event] ?? DEFAULT_TEMPLATES[notice.event];
  const message = renderTemplate(template, notice.params);
  const statements = [];
  const staff = notice.staff ?? [];

  if (route.channels.includes("in_app")) {
    statements.push(
      ...insertNotificationsStatements(
        scope,
        staff.map((member) => ({
          id: `${notice.key}:${member.id}`,
          staffId: member.id,
          event: notice.event,
          title: message.title,
          body: message.body,
          petitionId: notice.petitionId ?? null,
        })),
        now,
      ),
    );
  }

  const delivery = async (
    channel: DeliveryChannel,
    recipient: string,
    label: string,
    target: string | null,
    notBefore: Date | null = null,
  ): Promise<NewDelivery> => ({
    id: crypto.randomUUID(),
    // Keyed hash: the key is unique per recipient without holding a phone or address.
    idempotencyKey: `${notice.key}:${channel}:${await lookupHash(keys, "recipient", recipient)}`,
    channel,
    event: notice.event,
    recipientLabel: label,
    recipientSealed: target ? await encryptPii(keys, target) : null,
    title: message.title,
    body: message.body,
    link: notice.link ?? null,
    params: Object.fromEntries(Object.entries(notice.params).map(([k, v]) => [k, String(v)])),
    petitionId: notice.petitionId ?? null,
    notBefore,
    createdAt: now,
  });

  const outgoing: NewDelivery[] = [];
  if (route.channels.includes("web_push") && loaded.channels.webPush) {
    for (const member of staff)
      outgoing.push(await delivery("web_push", member.id, member.displayName, member.id));
  }
  if (!notice.confidential) {
    for (const channel of GROUP_CHANNELS) {
      if (!route.channels.includes(channel)) continue;
      if (channel === "wecom" && loaded.channels.wecom)
        outgoing.push(await delivery("wecom", "group", "企业微信群", null));
      if (channel === "dingtalk" && loaded.channels.dingtalk)
        outgoing.push(await delivery("dingtalk", "group", "钉钉群", null));
      if (channel === "webhook" && loaded.channels.webhook)
        outgoing.push(await delivery("webhook", "endpoint", "对接系统", null));
      if (channel === "email") {
        for (const address of loaded.settings.emailTo)
          outgoing.push(await delivery("email", address, address, address));
      }
    }
  }
  if (notice.phone && route.channels.includes("sms")) {
    // Answers to what the citizen just did are wanted at once; anything else waits out the
    // quiet hours.
    const release =
      IMMEDIATE.has(notice.event) || notice.immediate
        ? now
        : releaseTime(now, loaded.settings.quietHours);
    outgoing.push(
      await delivery(
        "sms",
        notice.phone,
        maskPhone(notice.phone),
        notice.phone,
        release > now ? release : null,
      ),
    );
  }
  for (const row of outgoing) {
    statements.push(insertDeliveryStatement(scope, row, handedOff?.at ?? null));
    handedOff?.taken.push({ id: row.id, notBefore: row.notBefore });
  }
  return statements;
}
