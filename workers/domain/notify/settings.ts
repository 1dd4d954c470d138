import type { RouteChannel } from "../../../schema/reference/notify-delivery.ts";
import type { NotifyEvent } from "../../../schema/reference/notify-events.ts";
import type { StaffRole } from "../../../schema/reference/roles.ts";

export interface Route {
  channels: RouteChannel[];
  roles?: StaffRole[] | undefined;
}

/** Channel configurations with their secrets; stored sealed with the tenant's key. */
export interface ChannelConfigs {
  wecom?: { webhookUrl: string };
  dingtalk?: { webhookUrl: string; secret: string };
  sms?: {
    accessKeyId: string;
    accessKeySecret: string;
    signName: string;
    templateCodes: Partial<Record<NotifyEvent, string>>;
    endpoint?: string | undefined;
  };
  webhook?: { url: string; secret: string };
  email?: { from: string; fromName?: string | undefined };
  webPush?: { subject: string; publicKey: string; privateKey: string };
}

export interface NotificationSettings {
  routes: Record<NotifyEvent, Route>;
  /** No SMS to citizens inside these hours (CST), one-time codes excepted. */
  quietHours: { start: string; end: string } | null;
  templates: Partial<Record<NotifyEvent, { title: string; body: string }>>;
  emailTo: string[];
}

export const DEFAULT_SETTINGS: NotificationSettings = {
  routes: {
    "deadline.near": { channels: ["in_app"] },
    "deadline.dueToday": { channels: ["in_app", "web_push"] },
    "deadline.overdue": {
      channels: ["in_app", "web_push", "wecom", "dingtalk", "webhook", "email"],
    },
    "supervision.opened": { channels: ["in_app", "web_push"] },
    "digest.daily": { channels: ["in_app", "wecom", "dingtalk"] },
    "evaluation.expired": { channels: ["in_app"] },
    "booking.code": { channels: ["sms"] },
    "reception.booked": { channels: ["sms"] },
    "reception.reminder": { channels: ["sms"] },
    "reception.registered": { channels: ["sms"] },
    "reception.invited": { channels: ["sms"] },
    "reception.answered": { channels: ["in_app", "web_push"] },
    "session.changed": { channels: ["sms"] },
    "case.routed": { channels: ["in_app", "web_push"] },
    "case.ownerAssigned": { channels: ["in_app", "web_push"] },
    "case.handlerDesignated": { channels: ["in_app", "web_push"] },
    "case.objected": { channels: ["in_app", "web_push"] },
    "case.replied": { channels: ["in_app", "web_push"] },
    "case.extensionRequested": { channels: ["in_app", "web_push"] },
    "case.sentBack": { channels: ["in_app", "web_push"] },
    "case.reviewRequested": { channels: ["in_app", "web_push"] },
    "case.groupVisit": { channels: ["in_app", "web_push", "wecom", "dingtalk"] },
    "calendar.missing": { channels: ["in_app", "email"] },
    "petitioner.notice": { channels: ["sms"] },
  },
  quietHours: { start: "21:00", end: "08:00" },
  templates: {},
  emailTo: [],
};

export function mergeSettings(
  stored: Partial<NotificationSettings> | undefined,
): NotificationSettings {
  return {
    routes: { ...DEFAULT_SETTINGS.routes, ...(stored?.routes ?? {}) },
    quietHours: stored?.quietHours === undefined ? DEFAULT_SETTINGS.quietHours : stored.quietHours,
    templates: { ...(stored?.templates ?? {}) },
    emailTo: stored?.emailTo ?? [],
  };
}

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/**
 * When a message held back by quiet hours may go out: `now` itself outside them, else the
 * end of the quiet period (CST). Quiet hours may wrap midnight (21:00–08:00).
 */
export function releaseTime(now: Date, quiet: { start: string; end: string } | null): Date {
  if (!quiet) return now;
  const cst = new Date(now.getTime() + 8 * 3_600_000);
  const minute = cst.getUTCHours() * 60 + cst.getUTCMinutes();
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  const inside = start <= end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inside) return now;
  const wait = (end - minute + 24 * 60) % (24 * 60);
  const release = new Date(now.getTime() + wait * 60_000);
  release.setUTCSeconds(0, 0);
  return release;
}

/** Secrets shown back to an admin: enough to recognise, never enough to use. */
export function maskSecret(secret: string | undefined): string | null {
  if (!secret) return null;
  return `••••${secret.slice(-4)}`;
}
