import { useState } from "preact/hooks";
import type {
  CreateReceptionSessionInput as CreateSessionBody,
  ReceptionSession,
  RecurrenceInput as Recurrence,
} from "../../../../../schema/api/reception.ts";
import type { DirectoryEntry } from "../../../../../schema/api/staff.ts";
import type { Unit } from "../../../../../schema/api/units.ts";
import type { ReceptionForm } from "../../../../../schema/reference/reception-forms.ts";
import { createSessions } from "../../../api/reception-staff.ts";
import {
  FORM_LABELS,
  FORMS,
  ISO_WEEKDAYS,
  minutesOfDay,
} from "../../../shared/reception-labels.ts";
import { RadioGroup } from "../../../shared/ui/RadioGroup.tsx";
import { personLabel } from "../../lookup.ts";
import { useSession } from "../../session.ts";
import { unitOptions } from "../../units.ts";
import { fieldErrors } from "../ErrorAlert.tsx";
import { SelectField, TextField } from "../Field.tsx";
import { FormProblems } from "../FormProblems.tsx";
import { DeskLeaders, desksOf } from "./DeskLeaders.tsx";

export const SESSION_LABELS: Record<string, string> = {
  leaderId: "接访领导",
  unitId: "接访单位",
  date: "日期",
  startTime: "开始时间",
  endTime: "结束时间",
  venue: "接访地点",
  form: "接访形式",
  townshipId: "下访乡镇",
  slotMinutes: "每个时段（分钟）",
  capacityPerSlot: "每个时段可约人数",
  portfolio: "分管工作",
  topics: "接访重点",
  repeat: "重复",
  "repeat.until": "重复截止日期",
  "repeat.rule.weekdays": "每周哪几天",
  "repeat.rule.day": "每月几号",
  desks: "联合接访窗口",
};

type RepeatKind = "none" | "weekly" | "monthly" | "workingDays";

const REPEAT_OPTIONS: { value: RepeatKind; label: string }[] = [
  { value: "none", label: "仅此一场" },
  { value: "weekly", label: "每周" },
  { value: "monthly", label: "每月" },
  { value: "workingDays", label: "每个工作日" },
];

interface Props {
  leaders: readonly DirectoryEntry[];
  units: readonly Unit[];
  defaultDate: string;
  onCreated: (sessions: ReceptionSession[]) => void;
  onCancel: () => void;
}

/** Schedule one session or a series (drafts until published). */
export function SessionForm({ leaders, units, defaultDate, onCreated, onCancel }: Props) {
  const { tenant, me } = useSession();
  const countyOffice = me.unit.kind === "county";
  const [leaderId, setLeaderId] = useState("");
  const [unitId, setUnitId] = useState(countyOffice ? "" : me.unit.id);
  const [date, setDate] = useState(defaultDate);
  const [startTime, setStartTime] = useState("08:30");
  const [endTime, setEndTime] = useState("11:30");
  const [slotMinutes, setSlotMinutes] = useState("30");
  const [capacity, setCapacity] = useState("2");
  const [venue, setVenue] = useState("");
  const [form, setForm] = useState<ReceptionForm>("fixed");
  const [townshipId, setTownshipId] = useState("");
  const [deskLeaders, setDeskLeaders] = useState<string[]>([]);
  const [portfolio, setPortfolio] = useState("");
  const [topics, setTopics] = useState("");
  const [repeat, setRepeat] = useState<RepeatKind>("none");
  const [weekdays, setWeekdays] = useState<number[]>([2, 4]);
  const [skipHolidays, setSkipHolidays] = useState(true);
  const [monthDay, setMonthDay] = useState("15");
  const [moveToWorkingDay, setMoveToWorkingDay] = useState(true);
  const [until, setUntil] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? "";
  const pickLeader = (id: string) => {
    setLeaderId(id);
    const leader = leaders.find((l) => l.id === id);
    // The session belongs to the leader's unit unless the office picks another.
    if (leader && countyOffice) setUnitId(leader.unitId);
  };

  const slots = (() => {
    const span = minutesOfDay(endTime) - minutesOfDay(startTime);
    const step = Number(slotMinutes);
    return span > 0 && step > 0 ? Math.floor(span / step) : 0;
  })();

  const submit = async (event: Event) => {
    event.preventDefault();
    if (saving) return;
    const problems: Record<string, string> = {};
    if (!leaderId) problems.leaderId = "请选择接访领导";
    if (!date) problems.date = "请选择日期";
    if (!venue.trim()) problems.venue = "请填写接访地点";
    if (minutesOfDay(endTime) <= minutesOfDay(startTime))
      problems.endTime = "结束时间应晚于开始时间";
    if (repeat === "weekly" && weekdays.length === 0) {
      problems["repeat.rule.weekdays"] = "请至少选择一天";
    }
    if (repeat !== "none" && !until) problems["repeat.until"] = "请选择重复截止日期";
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;

    const body: CreateSessionBody = {
      leaderId,
      date,
      startTime,
      endTime,
      venue: venue.trim(),
      form,
      slotMinutes: Number(slotMinutes),
      capacityPerSlot: Number(capacity),
    };
    if (unitId) body.unitId = unitId;
    if (form === "field" && townshipId) body.townshipId = townshipId;
    if (form === "joint" && desksOf(deskLeaders, leaders).length > 0) {
      body.desks = desksOf(deskLeaders, leaders);
    }
    if (portfolio.trim()) body.portfolio = portfolio.trim();
    if (topics.trim()) body.topics = topics.trim();
    if (repeat !== "none") {
      const rule: Recurrence =
        repeat === "weekly"
          ? { kind: "weekly", weekdays: [...weekdays].sort(), skipHolidays }
          : repeat === "monthly"
            ? { kind: "monthly", day: Number(monthDay), moveToWorkingDay }
            : { kind: "workingDays" };
      body.repeat = { rule, until };
    }
    setSaving(true);
    setError(null);
    try {
      onCreated((await createSessions(tenant, body)).sessions);
    } catch (err) {
      setError(err);
      setSaving(false);
    }
  };

  const errors = { ...fieldErrors(error), ...local };
  return (
    <form class="card form" onSubmit={submit} noValidate aria-labelledby="session-form-title">
      <h2 id="session-form-title">安排接访</h2>
      <div class="form-grid">
        <SelectField
          id="session-leader"
          label="接访领导"
          value={leaderId}
          onValue={pickLeader}
          options={leaders.map((l) => ({ value: l.id, label: personLabel(l, unitName(l.unitId)) }))}
          placeholder="请选择"
          required
          error={errors.leaderId}
        />
        {countyOffice ? (
          <SelectField
            id="session-unit"
            label="接访单位"
            value={unitId}
            onValue={setUnitId}
            options={unitOptions(units).map((o) => ({ value: o.id, label: o.label }))}
            placeholder="（领导所在单位）"
            error={errors.unitId}
          />
        ) : (
          <p class="field">
            <strong>接访单位</strong>
            <br />
            {me.unit.name}
          </p>
        )}
        <TextField
          id="session-date"
          label={repeat === "none" ? "日期" : "首场日期"}
          type="date"
          value={date}
          onValue={setDate}
          min={defaultDate}
          required
          error={errors.date}
        />
        <TextField
          id="session-start"
          label="开始时间"
          type="time"
          value={startTime}
          onValue={setStartTime}
          required
          error={errors.startTime}
        />
        <TextField
          id="session-end"
          label="结束时间"
          type="time"
          value={endTime}
          onValue={setEndTime}
          required
          error={errors.endTime}
        />
        <TextField
          id="session-slot"
          label="每个时段（分钟）"
          type="number"
          inputMode="numeric"
          min={5}
          max={240}
          value={slotMinutes}
          onValue={setSlotMinutes}
          required
          hint={slots > 0 ? `共 ${slots} 个时段` : undefined}
          error={errors.slotMinutes}
        />
        <TextField
          id="session-capacity"
          label="每个时段可约人数"
          type="number"
          inputMode="numeric"
          min={1}
          max={100}
          value={capacity}
          onValue={setCapacity}
          required
          error={errors.capacityPerSlot}
        />
        <TextField
          id="session-venue"
          label="接访地点"
          value={venue}
          onValue={setVenue}
          required
          maxLength={200}
          placeholder="如：县信访局一楼接待大厅"
          error={errors.venue}
        />
      </div>
      <SelectField
        id="session-form"
        label="接访形式"
        value={form}
        onValue={(v) => setForm(v as ReceptionForm)}
        options={FORMS.map((f) => ({ value: f, label: FORM_LABELS[f] }))}
        required
        error={errors.form}
      />
      {form === "field" && (
        <SelectField
          id="session-townshipId"
          label="下访乡镇（选填）"
          value={townshipId}
          onValue={setTownshipId}
          placeholder="请选择"
          options={units
            .filter((u) => u.kind === "township")
            .map((u) => ({ value: u.id, label: u.name }))}
          hint="下访到村（社区）或现场时，接访地点写明村名或现场位置。"
          error={errors.townshipId}
        />
      )}
      {form === "joint" && (
        <fieldset class="subform joint-desks" data-testid="session-desks">
          <legend>联合接访窗口</legend>
          <p class="hint">
            1
            号窗口为本场接访领导。每增加一个窗口，选择一位接访领导：在该窗口登记的事项交其所在单位办理。
          </p>
          <DeskLeaders
            idPrefix="session-desk"
            value={deskLeaders}
            onValue={setDeskLeaders}
            leaders={leaders}
            units={units}
          />
        </fieldset>
      )}
      <TextField
        id="session-portfolio"
        label="分管工作（选填）"
        value={portfolio}
        onValue={setPortfolio}
        maxLength={200}
        hint="公示时显示，如“分管信访、应急管理”。"
        error={errors.portfolio}
      />
      <TextField
        id="session-topics"
        label="接访重点（选填）"
        value={topics}
        onValue={setTopics}
        multiline
        rows={2}
        maxLength={500}
        error={errors.topics}
      />

      <fieldset class="subform">
        <legend>重复</legend>
        <RadioGroup
          name="session-repeat"
          legend="重复规则"
          options={REPEAT_OPTIONS}
          value={repeat}
          onValue={setRepeat}
          error={errors.repeat}
        />
        {repeat === "weekly" && (
          <>
            <fieldset class="field">
              <legend>每周哪几天</legend>
              <div class="checks">
                {ISO_WEEKDAYS.map((day) => (
                  <label key={day.value} class="check" for={`session-weekday-${day.value}`}>
                    <input
                      id={`session-weekday-${day.value}`}
                      type="checkbox"
                      checked={weekdays.includes(day.value)}
                      onChange={(e) => {
                        const on = e.currentTarget.checked;
                        setWeekdays((list) =>
                          on ? [...list, day.value] : list.filter((d) => d !== day.value),
                        );
                      }}
                    />
                    {day.label}
                  </label>
                ))}
              </div>
              {errors["repeat.rule.weekdays"] && (
                <p class="field-error">{errors["repeat.rule.weekdays"]}</p>
              )}
            </fieldset>
            <label class="check" for="session-skip-holidays">
              <input
                id="session-skip-holidays"
                type="checkbox"
                checked={skipHolidays}
                onChange={(e) => setSkipHolidays(e.currentTarget.checked)}
              />
              跳过法定节假日
            </label>
          </>
        )}
        {repeat === "monthly" && (
          <div class="form-grid">
            <TextField
              id="session-month-day"
              label="每月几号"
              type="number"
              inputMode="numeric"
              min={1}
              max={31}
              value={monthDay}
              onValue={setMonthDay}
              error={errors["repeat.rule.day"]}
            />
            <label class="check" for="session-move">
              <input
                id="session-move"
                type="checkbox"
                checked={moveToWorkingDay}
                onChange={(e) => setMoveToWorkingDay(e.currentTarget.checked)}
              />
              遇节假日顺延到工作日
            </label>
          </div>
        )}
        {repeat === "workingDays" && <p class="hint">按本县工作日日历，每个工作日安排一场。</p>}
        {repeat !== "none" && (
          <TextField
            id="session-until"
            label="重复截止日期"
            type="date"
            value={until}
            onValue={setUntil}
            min={date}
            required
            error={errors["repeat.until"]}
          />
        )}
      </fieldset>

      <FormProblems error={error} local={local} labels={SESSION_LABELS} />
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={saving} aria-busy={saving}>
          保存为草稿
        </button>
        <button type="button" class="button" onClick={onCancel}>
          取消
        </button>
      </div>
    </form>
  );
}
