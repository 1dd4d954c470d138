import {
  DEFAULT_TEMPLATES,
  type NotifyEvent,
  templateProblems,
} from "../../../schema/reference/notify-events.ts";
import type { notificationSettings } from "../../../schema/tenant/tables.ts";
import { ApiError } from "../../errors.ts";
import { loadSettingsRow, saveSettingsStatement } from "../../storage/notify.ts";
import type { TenantScope } from "../../storage/tenant-scope.ts";
import { decryptPii, encryptPii, type TenantKeys } from "../crypto/pii.ts";
import { type ChannelConfigs, mergeSettings, type NotificationSettings } from "./settings.ts";

export interface LoadedSettings {
  settings: NotificationSettings;
  channels: ChannelConfigs;
  updatedAt: Date | null;
}

export async function loadNotificationSettings(
  scope: TenantScope,
  keys: TenantKeys,
): Promise<LoadedSettings> {
  return settingsOfRow(await loadSettingsRow(scope), keys);
}

/** The settings of a row read in the caller's own batch (`settingsRowQuery`). */
export async function settingsOfRow(
  row: typeof notificationSettings.$inferSelect | undefined,
  keys: TenantKeys,
): Promise<LoadedSettings> {
  const channels = row?.channelsSealed
    ? (JSON.parse(await openChannels(keys, row.channelsSealed)) as ChannelConfigs)
    : {};
  return {
    settings: mergeSettings(row?.settings as Partial<NotificationSettings> | undefined),
    channels,
    updatedAt: row?.updatedAt ?? null,
  };
}

/**
 * The county's channel secrets as last unsealed in this isolate. Every batch of the queue
 * consumer and many requests read the settings row; unsealing it again each time was one
 * AES-GCM open per batch. The sealed text is the version stamp: each save seals with a fresh
 * IV, so a changed row never matches. One entry per county's keys; parsed anew per caller, so
 * no caller can change another's copy.
 */
const unsealed = new WeakMap<TenantKeys, { sealed: string; plain: Promise<string> }>();

function openChannels(keys: TenantKeys, sealed: string): Promise<string> {
  const hit = unsealed.get(keys);
  if (hit?.sealed === sealed) return hit.plain;
  const plain = decryptPii(keys, sealed);
  unsealed.set(keys, { sealed, plain });
  // A failed open must not stick: the next read tries again.
  plain.catch(() => {
    if (unsealed.get(keys)?.plain === plain) unsealed.delete(keys);
  });
  return plain;
}

/** Template overrides must use only the parameters their event provides. */
export function checkTemplates(templates: NotificationSettings["templates"]) {
  const problems = Object.entries(templates).flatMap(([event, template]) =>
    template
      ? templateProblems(template, DEFAULT_TEMPLATES[event as NotifyEvent].params).map(
          (message) => ({
            path: `templates.${event}`,
            message,
          }),
        )
      : [],
  );
  if (problems.length > 0) {
    throw new ApiError("VALIDATION_FAILED", "消息模板有误", { status: 422, details: problems });
  }
}

export async function saveNotificationSettingsStatement(
  scope: TenantScope,
  keys: TenantKeys,
  settings: NotificationSettings,
  channels: ChannelConfigs,
  now: Date,
) {
  const sealed =
    Object.keys(channels).length > 0 ? await encryptPii(keys, JSON.stringify(channels)) : null;
  // Wrapped: a query builder is thenable, so returning it from an async function would run it.
  return { statement: saveSettingsStatement(scope, { ...settings }, sealed, now) };
}
