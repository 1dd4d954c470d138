import { useState } from "preact/hooks";
import type { CalendarDay } from "../../../../schema/api/calendar.ts";
import { TextField } from "./Field.tsx";

/** Every date from `from` to `to`, both included. */
function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const day = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  while (day <= end && out.length < 31) {
    out.push(day.toISOString().slice(0, 10));
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return out;
}

/**
 * One holiday of the State Council's notice as it is written: its name, the days off from
 * one date to another, and its make-up working days (调休上班). Added to the year's rows,
 * which are then saved together.
 */
export function CalendarRanges({
  year,
  onAdd,
}: {
  year: number;
  onAdd: (days: CalendarDay[]) => void;
}) {
  const [name, setName] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [workdays, setWorkdays] = useState(["", ""]);
  const [problems, setProblems] = useState<Record<string, string>>({});

  const add = (event: Event) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = "请填写节日名称，如“春节”";
    if (!from) found.from = "请选择放假开始日期";
    if (!to) found.to = "请选择放假结束日期";
    if (from && to && to < from) found.to = "结束日期不能早于开始日期";
    if (from && !from.startsWith(`${year}-`)) found.from = `请选择 ${year} 年内的日期`;
    setProblems(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(`range-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    const label = name.trim();
    onAdd([
      ...datesBetween(from, to).map((date) => ({ date, kind: "holiday" as const, name: label })),
      ...workdays
        .filter((d) => d)
        .map((date) => ({ date, kind: "workday" as const, name: `${label}调休` })),
    ]);
    setName("");
    setFrom("");
    setTo("");
    setWorkdays(["", ""]);
  };

  return (
    <form noValidate class="form" onSubmit={add} aria-labelledby="range-title">
      <h3 id="range-title">按通知录入一个节日</h3>
      <div class="form-grid">
        <TextField
          id="range-name"
          label="节日名称"
          value={name}
          onValue={setName}
          required
          maxLength={20}
          error={problems.name}
        />
        <TextField
          id="range-from"
          label="放假开始"
          type="date"
          min={`${year}-01-01`}
          max={`${year}-12-31`}
          value={from}
          onValue={setFrom}
          required
          error={problems.from}
        />
        <TextField
          id="range-to"
          label="放假结束"
          type="date"
          min={from || `${year}-01-01`}
          value={to}
          onValue={setTo}
          required
          error={problems.to}
        />
        {workdays.map((value, i) => (
          <TextField
            key={i}
            id={`range-workday-${i}`}
            label={`调休上班日 ${i + 1}（选填）`}
            type="date"
            value={value}
            onValue={(v) => setWorkdays((list) => list.map((d, j) => (j === i ? v : d)))}
          />
        ))}
      </div>
      <div class="actions">
        <button type="submit" class="button">
          加入本年安排
        </button>
      </div>
    </form>
  );
}
