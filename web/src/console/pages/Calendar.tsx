import { useLayoutEffect, useState } from "preact/hooks";
import type { CalendarDay } from "../../../../schema/api/calendar.ts";
import type { DayKind } from "../../../../schema/api/petitions.ts";
import { computeDueDate, getCalendar, putCalendar } from "../../api/petitions.ts";
import { formatDate, todayCst, weekdayOf } from "../../shared/dates.ts";
import { RadioGroup } from "../../shared/ui/RadioGroup.tsx";
import { CalendarRanges } from "../components/CalendarRanges.tsx";
import { ErrorAlert, fieldErrors, SuccessStatus } from "../components/ErrorAlert.tsx";
import { SelectField, TextField } from "../components/Field.tsx";
import { Loading } from "../components/Loading.tsx";
import { useAsync, usePageTitle } from "../hooks.ts";
import { useSession } from "../session.ts";

const KIND_LABELS: Record<CalendarDay["kind"], string> = {
  holiday: "放假",
  workday: "调休上班",
};

interface Row extends CalendarDay {
  /** Stable key while dates are being edited. */
  key: number;
}

let nextKey = 1;
const withKeys = (days: CalendarDay[]): Row[] =>
  [...days].sort((a, b) => a.date.localeCompare(b.date)).map((day) => ({ ...day, key: nextKey++ }));

export function CalendarPage() {
  const { tenant, me } = useSession();
  usePageTitle("节假日", me.tenant.name);
  const thisYear = Number(todayCst().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const calendar = useAsync(() => getCalendar(tenant, year), `${tenant}/${year}`);
  const years = [
    ...new Set([thisYear - 1, thisYear, thisYear + 1, year, ...(calendar.data?.years ?? [])]),
  ].sort();

  return (
    <>
      <h1>节假日</h1>
      <p class="lead">
        期限按国务院公布的放假安排计算：放假日不计入工作日，调休上班日计入。每年公布后请在此录入次年安排。
      </p>
      <form
        noValidate
        class="form--inline"
        onSubmit={(e) => e.preventDefault()}
        aria-label="选择年份"
      >
        <SelectField
          id="calendar-year"
          label="年份"
          value={String(year)}
          onValue={(v) => setYear(Number(v))}
          options={years.map((y) => ({
            value: String(y),
            label: `${y} 年${calendar.data?.years.includes(y) ? "" : "（未录入）"}`,
          }))}
        />
      </form>
      <ErrorAlert error={calendar.error} />
      {calendar.data === undefined && calendar.loading && <Loading what="节假日安排" />}
      {calendar.data !== undefined && !calendar.loading && (
        <YearEditor
          key={year}
          tenant={tenant}
          year={year}
          days={calendar.data.days.filter((d) => d.date.startsWith(`${year}-`))}
          onSaved={(saved) => calendar.setData(() => saved)}
        />
      )}
      <DueDateCalculator tenant={tenant} />
    </>
  );
}

function YearEditor({
  tenant,
  year,
  days,
  onSaved,
}: {
  tenant: string;
  year: number;
  days: CalendarDay[];
  onSaved: (saved: { days: CalendarDay[]; years: number[] }) => void;
}) {
  const [rows, setRows] = useState<Row[]>(() => withKeys(days));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState<number | null>(null);

  useLayoutEffect(() => {
    if (focusKey !== null) document.getElementById(`cal-date-${focusKey}`)?.focus();
  }, [focusKey]);

  const update = (key: number, patch: Partial<CalendarDay>) =>
    setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const add = () => {
    const row: Row = { date: "", kind: "holiday", name: "", key: nextKey++ };
    setRows((list) => [...list, row]);
    setFocusKey(row.key);
    setStatus(null);
  };

  const remove = (index: number) => {
    const neighbour = rows[index + 1] ?? rows[index - 1];
    setRows((list) => list.filter((_, i) => i !== index));
    setStatus("已删除一行，保存后生效。");
    // Focus stays in the table: the next row's delete button, or the add button.
    requestAnimationFrame(() =>
      (neighbour
        ? document.getElementById(`cal-remove-${neighbour.key}`)
        : document.getElementById("cal-add")
      )?.focus(),
    );
  };

  const save = async (event: Event) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    setStatus(null);
    try {
      const body = rows
        .map(({ date, kind, name }) => ({ date, kind, name: name.trim() }))
        .sort((a, b) => a.date.localeCompare(b.date));
      const saved = await putCalendar(tenant, year, body);
      setRows(withKeys(saved.days.filter((d) => d.date.startsWith(`${year}-`))));
      setStatus(`已保存 ${year} 年的放假安排（${body.length} 天）。`);
      onSaved(saved);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  const holidays = rows.filter((r) => r.kind === "holiday").length;
  const workdays = rows.length - holidays;
  const errors = fieldErrors(error);
  return (
    <section class="card" aria-labelledby="year-title">
      <h2 id="year-title">{year} 年放假和调休安排</h2>
      <p class="muted">
        放假 {holidays} 天，调休上班 {workdays} 天。未列出的日期按周一至周五上班、周六周日休息。
      </p>
      <CalendarRanges
        year={year}
        onAdd={(days) => {
          setRows((list) => {
            const taken = new Set(list.map((r) => r.date));
            return withKeys([...list, ...days.filter((d) => !taken.has(d.date))]);
          });
          setStatus(`已加入 ${days.length} 天，保存后生效。`);
        }}
      />
      <form noValidate class="form" onSubmit={save}>
        {rows.length === 0 ? (
          <p class="muted">尚未录入 {year} 年的安排。</p>
        ) : (
          <table class="table table--edit">
            <caption class="visually-hidden">{year} 年放假和调休日期</caption>
            <thead>
              <tr>
                <th scope="col">日期</th>
                <th scope="col">类型</th>
                <th scope="col">名称</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={row.key} data-kind={row.kind}>
                  <td data-label="日期">
                    <span>
                      <label class="visually-hidden" for={`cal-date-${row.key}`}>
                        第 {i + 1} 行日期
                      </label>
                      <input
                        id={`cal-date-${row.key}`}
                        type="date"
                        required
                        min={`${year}-01-01`}
                        max={`${year}-12-31`}
                        value={row.date}
                        aria-invalid={errors[`days.${i}.date`] ? true : undefined}
                        onInput={(e) => update(row.key, { date: e.currentTarget.value })}
                      />
                      <span class="hint">{weekdayOf(row.date)}</span>
                    </span>
                  </td>
                  <td data-label="类型">
                    <span>
                      <label class="visually-hidden" for={`cal-kind-${row.key}`}>
                        第 {i + 1} 行类型
                      </label>
                      <select
                        id={`cal-kind-${row.key}`}
                        value={row.kind}
                        onChange={(e) =>
                          update(row.key, { kind: e.currentTarget.value as CalendarDay["kind"] })
                        }
                      >
                        <option value="holiday">{KIND_LABELS.holiday}</option>
                        <option value="workday">{KIND_LABELS.workday}</option>
                      </select>
                    </span>
                  </td>
                  <td data-label="名称">
                    <span>
                      <label class="visually-hidden" for={`cal-name-${row.key}`}>
                        第 {i + 1} 行名称
                      </label>
                      <input
                        id={`cal-name-${row.key}`}
                        type="text"
                        required
                        maxLength={50}
                        placeholder="如：春节"
                        value={row.name}
                        aria-invalid={errors[`days.${i}.name`] ? true : undefined}
                        onInput={(e) => update(row.key, { name: e.currentTarget.value })}
                      />
                    </span>
                  </td>
                  <td data-label="操作">
                    <span>
                      <button
                        id={`cal-remove-${row.key}`}
                        type="button"
                        class="button button--small"
                        aria-label={`删除 ${formatDate(row.date)}${row.name ? ` ${row.name}` : ""}`}
                        onClick={() => remove(i)}
                      >
                        删除
                      </button>
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <ErrorAlert error={error} labels={{ date: "日期", kind: "类型", name: "名称" }} />
        <SuccessStatus message={status} />
        <div class="actions">
          <button id="cal-add" type="button" class="button" onClick={add}>
            添加一天
          </button>
          <button type="submit" class="button button--primary" disabled={saving}>
            保存 {year} 年安排
          </button>
        </div>
      </form>
    </section>
  );
}

function DueDateCalculator({ tenant }: { tenant: string }) {
  const [from, setFrom] = useState(todayCst());
  const [days, setDays] = useState("15");
  const [kind, setKind] = useState<DayKind>("calendar");
  const [due, setDue] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setDue(null);
    try {
      setDue((await computeDueDate(tenant, from, Number(days), kind)).due);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="due-title">
      <h2 id="due-title">期限计算</h2>
      <p class="hint">期限自事件发生的次日起算；最后一日为节假日的，顺延至节假日后第一个工作日。</p>
      <form noValidate class="form" onSubmit={submit}>
        <div class="form-grid">
          <TextField
            id="due-from"
            label="起算日期（事件发生日）"
            type="date"
            required
            value={from}
            onValue={setFrom}
          />
          <TextField
            id="due-days"
            label="天数"
            type="number"
            inputMode="numeric"
            min={0}
            max={365}
            required
            value={days}
            onValue={setDays}
          />
        </div>
        <RadioGroup
          name="due-kind"
          legend="计算方式"
          options={[
            { value: "calendar", label: "自然日" },
            { value: "working", label: "工作日" },
          ]}
          value={kind}
          onValue={setKind}
        />
        <ErrorAlert error={error} labels={{ from: "起算日期", days: "天数", kind: "计算方式" }} />
        <div class="actions">
          <button type="submit" class="button button--primary" disabled={busy}>
            计算截止日期
          </button>
        </div>
        <p role="status" class={due ? "result" : "visually-hidden"} data-testid="due-result">
          {due ? `截止日期：${formatDate(due)} ${weekdayOf(due)}` : ""}
        </p>
      </form>
    </section>
  );
}
