/** The notify vocabularies and the server's own template checks, from the one contract. */
export {
  DELIVERY_CHANNEL_LABELS,
  DELIVERY_STATUS_LABELS,
  deliveryChannels as DELIVERY_CHANNELS,
  deliveryStatuses as DELIVERY_STATUSES,
  ROUTE_CHANNEL_LABELS,
  routeChannels as ROUTE_CHANNELS,
  SUPERVISION_FORM_LABELS,
  supervisionForms as SUPERVISION_FORMS,
} from "../../../schema/reference/notify-delivery.ts";

import { SUPERVISION_FORM_LABELS as FORM_LABELS } from "../../../schema/reference/notify-delivery.ts";
import { deadlineLabel } from "./petition-labels.ts";

export {
  BODY_MAX_LENGTH as TEMPLATE_BODY_MAX,
  DEFAULT_TEMPLATES,
  EVENT_LABELS,
  fieldProblems as templateProblems,
  notifyEvents as EVENTS,
  PLACEHOLDER_LABELS,
  SMS_EVENTS,
  TITLE_MAX_LENGTH as TEMPLATE_TITLE_MAX,
} from "../../../schema/reference/notify-events.ts";

export function labelFor<T extends string>(labels: Record<T, string>, value: string): string {
  return (labels as Record<string, string>)[value] ?? value;
}

/**
 * Why a case is supervised: a broken deadline ("办理期限超期"), or opened before any breach
 * (挂牌督办, 领导批示), whose record names the form instead of a deadline.
 */
export function supervisionReason(reason: string): string {
  if (reason === "listed" || reason === "instruction") return `${FORM_LABELS[reason]}（未超期）`;
  return `${deadlineLabel(reason)}超期`;
}
