/** How a petition arrived (信访形式) and what it seeks (信访目的), with their Chinese names. */
export const PURPOSES = ["suggestion", "appeal", "request", "accusation", "other"] as const;
export type Purpose = (typeof PURPOSES)[number];

export const PURPOSE_LABELS: Readonly<Record<Purpose, string>> = /* @__PURE__ */ Object.freeze({
  suggestion: "意见建议",
  appeal: "申诉",
  request: "求决",
  accusation: "揭发控告",
  other: "其它",
});

export function isPurpose(value: string): value is Purpose {
  return (PURPOSES as readonly string[]).includes(value);
}

export const CHANNELS = ["letter", "visit", "online", "phone", "fax", "reception"] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = /* @__PURE__ */ Object.freeze({
  letter: "来信",
  visit: "来访",
  online: "网上信访",
  phone: "来电",
  fax: "传真",
  reception: "领导接访",
});

export function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}

/** Where a case handed down or forwarded from above (上级交办/转送) came from. */
export const SOURCE_LEVEL_LABELS = /* @__PURE__ */ Object.freeze({
  city: "市级",
  provincial: "省级",
  national: "国家级",
} as const);
export type SourceLevelCode = keyof typeof SOURCE_LEVEL_LABELS;
