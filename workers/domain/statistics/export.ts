import type { StatisticsCase } from "../../../schema/api/statistics.ts";
import {
  CHANNEL_LABELS,
  type Channel,
  PURPOSE_LABELS,
  type Purpose,
} from "../../../schema/reference/intake.ts";
import { STATUS_LABELS } from "../../../schema/reference/petition-statuses.ts";

/** A cell as a spreadsheet shows it. */
export type Cell = string | number;

export interface ExportColumn {
  header: string;
  value: (row: StatisticsCase) => Cell;
}

/**
 * The columns of the exported case list, in Chinese. No personal data: names, ID numbers
 * and phones never leave in a file, whoever exports (the case page shows them to who may
 * see them); a case is found again by its tracking code.
 */
export function exportColumns(
  unitName: (id: string) => string,
  categoryName: (code: string) => string,
): ExportColumn[] {
  return [
    { header: "查询码", value: (r) => r.trackingCode },
    { header: "收到日期", value: (r) => r.receivedOn },
    { header: "信访渠道", value: (r) => CHANNEL_LABELS[r.channel as Channel] ?? r.channel },
    { header: "信访目的", value: (r) => PURPOSE_LABELS[r.purpose as Purpose] ?? r.purpose },
    {
      header: "内容分类",
      value: (r) => `${r.categoryCode} ${categoryName(r.categoryCode)}`.trim(),
    },
    { header: "承办单位", value: (r) => unitName(r.responsibleUnitId) },
    { header: "办理状态", value: (r) => STATUS_LABELS[r.status] },
    { header: "统计日期", value: (r) => r.day },
  ];
}

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is written as text with
 * a leading apostrophe: what petitioners and clerks type must never execute on the
 * office's computer.
 */
export function safeText(value: Cell): Cell {
  if (typeof value === "number") return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const csvField = (value: Cell) => {
  const text = String(safeText(value));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** RFC 4180 CSV with a UTF-8 byte-order mark, so Excel on Windows reads the Chinese. */
export function toCsv(columns: ExportColumn[], rows: StatisticsCase[]): string {
  const lines = [columns.map((c) => csvField(c.header)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvField(c.value(row))).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
