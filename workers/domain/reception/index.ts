export {
  FORM_LABELS,
  isReceptionForm,
  type ReceptionForm,
  receptionForms,
} from "../../../schema/reference/reception-forms.ts";
export { type FeedSession, type ReceptionFeed, receptionCalendar, sequenceOf } from "./ical.ts";
export {
  MAX_OCCURRENCES,
  occurrences,
  PUBLICATION_LEAD_DAYS,
  publicationDeadline,
  type Quarter,
  quarterOf,
  type Recurrence,
} from "./recurrence.ts";
export {
  CAPACITY_MAX,
  CAPACITY_MIN,
  HALF_DAY_LABELS,
  type HalfDay,
  halfDayOf,
  isTimeOfDay,
  type SessionWindow,
  SLOT_MINUTES_MAX,
  SLOT_MINUTES_MIN,
  slotInstant,
  slotStarts,
  windowProblems,
} from "./session.ts";
