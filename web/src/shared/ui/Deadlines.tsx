import type { Clock, DeadlineState, Deadlines } from "../../../../schema/api/petitions.ts";
import { formatDate, weekdayOf } from "../dates.ts";
import { DEADLINE_STATE_LABELS, deadlineLabel, deadlineOrder } from "../petition-labels.ts";

const STATE_CLASS: Record<DeadlineState, string> = {
  overdue: "tag tag--bad",
  dueToday: "tag tag--warn",
  near: "tag tag--warn",
  ok: "tag tag--ok",
};

const STATE_ICON: Record<DeadlineState, string> = {
  overdue: "⚠",
  dueToday: "!",
  near: "!",
  ok: "✓",
};

/** A deadline's state as icon and words, so it never depends on colour alone. */
export function DeadlineBadge({ state }: { state: DeadlineState }) {
  return (
    <span class={STATE_CLASS[state] ?? "tag"} data-state={state}>
      <span aria-hidden="true" class="tag__icon">
        {STATE_ICON[state]}
      </span>
      {DEADLINE_STATE_LABELS[state] ?? state}
    </span>
  );
}

export function daysLeftText(clock: Pick<Clock, "state" | "daysLeft">): string {
  if (clock.state === "dueToday" || clock.daysLeft === 0) return "今日到期";
  if (clock.daysLeft < 0) return `超期 ${-clock.daysLeft} 天`;
  return `剩 ${clock.daysLeft} 天`;
}

interface Props {
  deadlines: Deadlines;
  /** Only these keys, in this order; all keys in the usual order when absent. */
  keys?: readonly string[];
  caption: string;
}

export function DeadlinesTable({ deadlines, keys, caption }: Props) {
  const entries = (
    keys
      ? keys.flatMap((key) => {
          const clock = deadlines[key];
          return clock ? [[key, clock] as const] : [];
        })
      : Object.entries(deadlines).sort(([a], [b]) => deadlineOrder(a) - deadlineOrder(b))
  ) as (readonly [string, Clock])[];
  if (entries.length === 0) return <p class="muted">当前没有计时中的期限。</p>;
  return (
    <table class="table table--compact">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">期限</th>
          <th scope="col">截止日期</th>
          <th scope="col">计算</th>
          <th scope="col">状态</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([key, clock]) => (
          <tr key={key} data-key={key}>
            <th scope="row" data-label="期限">
              <span>{deadlineLabel(key)}</span>
            </th>
            <td data-label="截止日期">
              <span>
                {formatDate(clock.due)} {weekdayOf(clock.due)}
              </span>
            </td>
            <td data-label="计算">
              <span>
                自 {formatDate(clock.from)} 起 {clock.days}{" "}
                {clock.kind === "working" ? "个工作日" : "日"}
              </span>
            </td>
            <td data-label="状态">
              <span>
                <DeadlineBadge state={clock.state} /> {daysLeftText(clock)}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
