/** 接访形式, in the order county notices list them. */
export const receptionForms = [
  "fixed",
  "appointment",
  "field",
  "video",
  "online",
  "joint",
] as const;
export type ReceptionForm = (typeof receptionForms)[number];

export const FORM_LABELS: Readonly<Record<ReceptionForm, string>> = /* @__PURE__ */ Object.freeze({
  fixed: "定点接访",
  appointment: "约访",
  field: "下访",
  video: "视频接访",
  online: "网上接访",
  joint: "联合接访",
});

export function isReceptionForm(value: unknown): value is ReceptionForm {
  return typeof value === "string" && (receptionForms as readonly string[]).includes(value);
}
