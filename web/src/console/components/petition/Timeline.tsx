import type { TimelineEntry } from "../../../../../schema/api/petitions.ts";
import { formatDate } from "../../../shared/dates.ts";
import { formatDateTime } from "../../../shared/format.ts";
import {
  CLOSE_METHOD_LABELS,
  DECLINE_GROUND_LABELS,
  eventLabel,
  labelOf,
  OUTCOME_LABELS,
  statusLabel,
} from "../../../shared/petition-labels.ts";
import type { Lookup } from "../../lookup.ts";

/** Detail fields worth showing, with how to read them. */
const DETAIL: Record<string, { label: string; show: (v: unknown, l: Lookup) => string }> = {
  toUnitId: { label: "单位", show: (v, l) => l.unitName(String(v)) },
  leaderId: { label: "包案领导", show: (v, l) => l.staffName(String(v)) },
  handlerId: { label: "承办人", show: (v, l) => l.staffName(String(v)) },
  staffId: { label: "回避人员", show: (v, l) => l.staffName(String(v)) },
  reportDue: { label: "办结报告期限", show: (v) => formatDate(String(v)) },
  days: { label: "天数", show: (v) => `${v} 日` },
  outcome: { label: "处理结果", show: (v) => labelOf(OUTCOME_LABELS, String(v)) },
  ground: { label: "理由类别", show: (v) => labelOf(DECLINE_GROUND_LABELS, String(v)) },
  method: { label: "结案方式", show: (v) => labelOf(CLOSE_METHOD_LABELS, String(v)) },
  requestedOn: { label: "申请日期", show: (v) => formatDate(String(v)) },
  startedOn: { label: "听证开始", show: (v) => formatDate(String(v)) },
  endedOn: { label: "听证结束", show: (v) => formatDate(String(v)) },
  visitedOn: { label: "回访日期", show: (v) => formatDate(String(v)) },
  reason: { label: "理由", show: (v) => String(v) },
  instructions: { label: "交办要求", show: (v) => String(v) },
};

function details(entry: TimelineEntry, lookup: Lookup): string[] {
  if (!entry.detail) return [];
  return Object.entries(entry.detail).flatMap(([key, value]) => {
    const spec = DETAIL[key];
    if (!spec || value === null || value === undefined || value === "") return [];
    if (typeof value === "object") return [];
    return [`${spec.label}：${spec.show(value, lookup)}`];
  });
}

export function Timeline({ entries, lookup }: { entries: TimelineEntry[]; lookup: Lookup }) {
  if (entries.length === 0) return <p class="muted">暂无办理记录。</p>;
  const sorted = [...entries].sort((a, b) => a.version - b.version || a.at.localeCompare(b.at));
  return (
    <ol class="timeline" data-testid="timeline">
      {sorted.map((entry) => {
        const who = entry.actorId
          ? `${lookup.staffName(entry.actorId)}${entry.actorUnitId ? `（${lookup.unitName(entry.actorUnitId)}）` : ""}`
          : entry.actorUnitId
            ? lookup.unitName(entry.actorUnitId)
            : "信访人 / 系统";
        const changed = entry.fromStatus !== entry.toStatus;
        return (
          <li key={`${entry.version}-${entry.at}`} class="timeline__item">
            <p class="timeline__head">
              <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              <strong>{eventLabel(entry.action)}</strong>
            </p>
            <p class="timeline__meta">
              <span>{who}</span>
              <span>
                {changed
                  ? `${entry.fromStatus ? `${statusLabel(entry.fromStatus)} → ` : ""}${statusLabel(entry.toStatus)}`
                  : `状态不变（${statusLabel(entry.toStatus)}）`}
              </span>
            </p>
            {details(entry, lookup).map((line) => (
              <p key={line} class="timeline__detail">
                {line}
              </p>
            ))}
            {entry.note && <p class="timeline__note">{entry.note}</p>}
          </li>
        );
      })}
    </ol>
  );
}
