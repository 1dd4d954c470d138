import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type {
  BookingView as Booking,
  Hold,
  ReceptionSession,
  SessionWithSlots,
} from "../../../schema/api/reception.ts";
import { NATIONAL_CATEGORIES } from "../../../schema/reference/categories.ts";
import { PURPOSE_LABELS, PURPOSES, type Purpose } from "../../../schema/reference/intake.ts";
import { isApiError, retryAfterSeconds } from "../api/client.ts";
import {
  book,
  calendarUrl,
  getSession,
  holdSlot,
  listSessions,
  nearestFree,
  requestBookingCode,
} from "../api/reception.ts";
import { fieldErrors } from "../console/components/ErrorAlert.tsx";
import { SelectField, TextField } from "../console/components/Field.tsx";
import { formatDate, weekdayOf } from "../shared/dates.ts";
import { checkIdNumber, checkMobile } from "../shared/id-number.ts";
import { bookingPath } from "../shared/tenant.ts";
import { HumanCheck } from "../shared/ui/HumanCheck.tsx";
import { entryFormKeyDown } from "../shared/ui/keyboard.ts";
import { BookingCard, WhatToBring } from "./BookingCard.tsx";
import { CitizenErrorAlert } from "./CitizenError.tsx";
import { SlotPicker } from "./SlotPicker.tsx";

const LABELS: Record<string, string> = {
  name: "姓名",
  phone: "手机号码",
  code: "验证码",
  idNumber: "身份证号码",
  topic: "反映的问题",
  purpose: "信访目的",
  categoryCode: "问题类别",
  headcount: "来访人数",
  slotStart: "时段",
  altcha: "人机验证",
};

const TOPIC_MAX = 500;

// A plain select of the national classes (大类) keeps the page light; the desk refines the
// category when it registers the visit.
const PURPOSE_OPTIONS = PURPOSES.map((p) => ({ value: p, label: PURPOSE_LABELS[p] }));
const CLASS_OPTIONS = NATIONAL_CATEGORIES.filter((c) => !c.parentCode).map((c) => ({
  value: c.code,
  label: c.name,
}));

/** A session as a schedule entry: who, when, where, how. */
export function SessionSummary({ session }: { session: ReceptionSession }) {
  return (
    <dl class="facts session-facts">
      <dt>接访领导</dt>
      <dd>
        <strong>{session.leaderName}</strong>
        {session.leaderPosition && `（${session.leaderPosition}）`}
      </dd>
      {session.portfolio && (
        <>
          <dt>分管工作</dt>
          <dd>{session.portfolio}</dd>
        </>
      )}
      <dt>时间</dt>
      <dd>
        {formatDate(session.date)}（{weekdayOf(session.date)}）{session.startTime}–{session.endTime}
      </dd>
      <dt>地点</dt>
      <dd>
        {session.townshipName && `${session.townshipName} · `}
        {session.venue}
      </dd>
      <dt>接访形式</dt>
      <dd>{session.formLabel}</dd>
      {session.topics && (
        <>
          <dt>接访重点</dt>
          <dd>{session.topics}</dd>
        </>
      )}
    </dl>
  );
}

type Step =
  | { kind: "list" }
  | { kind: "slots"; sessionId: string; suggested?: string[] }
  | { kind: "form"; session: SessionWithSlots; slotStart: string; hold: Hold | null }
  | { kind: "done"; booking: Booking };

export function ReceptionPage({
  tenant,
  initialSession,
}: {
  tenant: string;
  initialSession: string;
}) {
  const [step, setStep] = useState<Step>(
    initialSession ? { kind: "slots", sessionId: initialSession } : { kind: "list" },
  );
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  useEffect(() => {
    // Each step is a new view: move focus to its heading (not on first load).
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
    window.scrollTo(0, 0);
  }, [step.kind]);

  if (step.kind === "done") {
    return (
      <>
        <h1 ref={heading} tabindex={-1}>
          预约成功
        </h1>
        <p class="lead">请记下预约码。来访当天凭预约码或二维码签到。</p>
        <BookingCard booking={step.booking} />
        <WhatToBring />
        <p>
          <a
            class="button button--primary"
            href={`${bookingPath(tenant)}?code=${encodeURIComponent(step.booking.bookingCode)}`}
          >
            查看我的预约和排队进度
          </a>
        </p>
      </>
    );
  }
  if (step.kind === "form") {
    return (
      <>
        <h1 ref={heading} tabindex={-1}>
          填写预约信息
        </h1>
        <BookingForm
          tenant={tenant}
          session={step.session}
          slotStart={step.slotStart}
          hold={step.hold}
          onBack={() => setStep({ kind: "slots", sessionId: step.session.id })}
          onFull={(suggested) => setStep({ kind: "slots", sessionId: step.session.id, suggested })}
          onDone={(booking) => setStep({ kind: "done", booking })}
        />
      </>
    );
  }
  if (step.kind === "slots") {
    return (
      <>
        <h1 ref={heading} tabindex={-1}>
          选择预约时段
        </h1>
        <SlotStep
          tenant={tenant}
          sessionId={step.sessionId}
          suggested={step.suggested ?? []}
          onBack={() => setStep({ kind: "list" })}
          onHeld={(session, slotStart, hold) => setStep({ kind: "form", session, slotStart, hold })}
        />
      </>
    );
  }
  return (
    <>
      <h1 ref={heading} tabindex={-1}>
        领导接访安排
      </h1>
      <Schedule tenant={tenant} onPick={(sessionId) => setStep({ kind: "slots", sessionId })} />
    </>
  );
}

function Schedule({ tenant, onPick }: { tenant: string; onPick: (id: string) => void }) {
  const [sessions, setSessions] = useState<ReceptionSession[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [unitId, setUnitId] = useState("");

  useEffect(() => {
    let live = true;
    listSessions(tenant).then(
      (list) => live && setSessions(list.sessions),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [tenant]);

  const units = useMemo(() => {
    const seen = new Map<string, string>();
    for (const s of sessions ?? []) seen.set(s.unitId, s.unitName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [sessions]);
  const shown = (sessions ?? []).filter((s) => !unitId || s.unitId === unitId);
  const byDate = new Map<string, ReceptionSession[]>();
  for (const s of shown) byDate.set(s.date, [...(byDate.get(s.date) ?? []), s]);

  return (
    <>
      <p class="lead">
        县、乡领导干部定期公开接待群众来访。可以在线预约时段，来访当天凭预约码签到，减少排队等候。
      </p>
      <CitizenErrorAlert error={error} />
      {!sessions && !error && (
        <p class="muted" role="status">
          正在加载…
        </p>
      )}
      {sessions && (
        <div class="toolbar reception-toolbar">
          {units.length > 1 && (
            <SelectField
              id="reception-unit"
              label="单位"
              value={unitId}
              onValue={setUnitId}
              options={units}
              placeholder="全部单位"
            />
          )}
          <p>
            <a href={calendarUrl(tenant, unitId || undefined)} download="接访日.ics">
              订阅日历（.ics）
            </a>
            <span class="hint"> 加入手机日历，接访安排调整时自动更新。</span>
          </p>
        </div>
      )}
      {sessions && shown.length === 0 && <p class="card">近期没有已公示的接访安排。</p>}
      {[...byDate].map(([date, list]) => (
        <section key={date} class="reception-day" aria-labelledby={`day-${date}`}>
          <h2 id={`day-${date}`}>
            {formatDate(date)} {weekdayOf(date)}
          </h2>
          <ul class="stack session-list">
            {list.map((s) => (
              <li key={s.id} class="card session-card" data-testid="session">
                <p class="session-card__head">
                  <strong>{s.unitName}</strong>
                  {s.status === "cancelled" && <span class="tag tag--bad">已取消</span>}
                </p>
                <SessionSummary session={s} />
                {s.status === "published" && (
                  <p class="actions">
                    <button
                      type="button"
                      class="button button--primary"
                      onClick={() => onPick(s.id)}
                      aria-label={`预约 ${s.leaderName} ${formatDate(s.date)} ${s.startTime} 的接访`}
                    >
                      预约
                    </button>
                  </p>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

function SlotStep({
  tenant,
  sessionId,
  suggested,
  onBack,
  onHeld,
}: {
  tenant: string;
  sessionId: string;
  suggested: string[];
  onBack: () => void;
  onHeld: (session: SessionWithSlots, slotStart: string, hold: Hold | null) => void;
}) {
  const [session, setSession] = useState<SessionWithSlots | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [nearest, setNearest] = useState<string[]>(suggested);

  const load = () =>
    getSession(tenant, sessionId).then(setSession, (err: unknown) => setError(err));
  useEffect(() => {
    void load();
  }, [tenant, sessionId]);

  const pick = async (slotStart: string) => {
    if (!session) return;
    setBusy(slotStart);
    setError(null);
    try {
      onHeld(session, slotStart, await holdSlot(tenant, sessionId, slotStart));
    } catch (err) {
      setBusy(null);
      setError(err);
      if (isApiError(err) && err.code === "SLOT_FULL") {
        setNearest(nearestFree(err));
        void load();
      }
    }
  };

  return (
    <>
      {session && (
        <div class="card">
          <SessionSummary session={session} />
        </div>
      )}
      {nearest.length > 0 && (
        <div class="alert alert--error" role="alert">
          <p>您选的时段已约满。以下时段还有空位：</p>
          <p class="actions">
            {nearest.map((slot) => (
              <button
                key={slot}
                type="button"
                class="button"
                disabled={Boolean(busy)}
                onClick={() => void pick(slot)}
              >
                改选 {slot}
              </button>
            ))}
          </p>
        </div>
      )}
      {!(isApiError(error) && error.code === "SLOT_FULL") && <CitizenErrorAlert error={error} />}
      {!session && !error && (
        <p class="muted" role="status">
          正在加载时段…
        </p>
      )}
      {session && session.status !== "published" && (
        <p class="alert alert--error" role="alert">
          该场接访已取消，请选择其他场次。
        </p>
      )}
      {session?.status === "published" && (
        <section class="card" aria-labelledby="slots-title">
          <h2 id="slots-title">可预约时段（每段 {session.slotMinutes} 分钟）</h2>
          <SlotPicker slots={session.slots} busy={busy} onPick={pick} suggested={nearest} />
          <p class="hint">选定后为您保留 5 分钟，请在此时间内填写并提交预约信息。</p>
        </section>
      )}
      <p>
        <button type="button" class="button" onClick={onBack}>
          返回接访安排
        </button>
      </p>
    </>
  );
}

function useCountdown(until: number | null): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (until === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}

function BookingForm({
  tenant,
  session,
  slotStart,
  hold,
  onBack,
  onFull,
  onDone,
}: {
  tenant: string;
  session: SessionWithSlots;
  slotStart: string;
  hold: Hold | null;
  onBack: () => void;
  onFull: (nearest: string[]) => void;
  onDone: (booking: Booking) => void;
}) {
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const [code, setCode] = useState("");
  const [idNumber, setIdNumber] = useState("");
  const [topic, setTopic] = useState("");
  const [purpose, setPurpose] = useState("");
  const [categoryCode, setCategoryCode] = useState("");
  const [headcount, setHeadcount] = useState("1");
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [codeError, setCodeError] = useState<unknown>(null);
  const [codeStatus, setCodeStatus] = useState("");
  const [resendAt, setResendAt] = useState<number | null>(null);
  const [sending, setSending] = useState(false);
  // The solved human check; each is spent by one request, then a fresh one is solved.
  const [check, setCheck] = useState<string | null>(null);
  const [checkRound, setCheckRound] = useState(0);
  const spendCheck = () => {
    setCheck(null);
    setCheckRound((round) => round + 1);
  };
  const resendIn = useCountdown(resendAt);
  const holdLeft = useCountdown(hold ? Date.parse(hold.expiresAt) : null);

  const mobile = checkMobile(phone);
  const mobileError =
    mobile.state === "invalid" || (mobile.state === "partial" && touched.phone)
      ? mobile.message
      : undefined;
  const id = checkIdNumber(idNumber);
  const idError =
    id.state === "invalid" || (id.state === "partial" && touched.idNumber) ? id.message : undefined;

  const sendCode = async () => {
    if (mobile.state !== "valid") {
      setTouched((t) => ({ ...t, phone: true }));
      setLocal((l) => ({
        ...l,
        phone: mobile.state === "empty" ? "请先填写手机号码" : mobile.message,
      }));
      document.getElementById("booking-phone")?.focus();
      return;
    }
    if (!check) {
      setLocal((l) => ({ ...l, altcha: "请稍候，人机验证完成后再获取验证码" }));
      return;
    }
    setLocal(({ altcha: _done, ...rest }) => rest);
    setSending(true);
    setCodeError(null);
    spendCheck();
    try {
      const sent = await requestBookingCode(tenant, mobile.value, check);
      setResendAt(Date.now() + sent.resendAfterSeconds * 1000);
      setCodeStatus(
        `验证码已发送到 ${mobile.value.slice(0, 3)}****${mobile.value.slice(-4)}，${Math.round(sent.expiresInSeconds / 60)} 分钟内有效。`,
      );
      document.getElementById("booking-code")?.focus();
    } catch (err) {
      const wait = retryAfterSeconds(err);
      if (wait) setResendAt(Date.now() + wait * 1000);
      setCodeError(err);
    } finally {
      setSending(false);
    }
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (saving) return;
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = "请填写您的姓名";
    if (mobile.state !== "valid") {
      problems.phone = mobile.state === "empty" ? "请填写手机号码" : mobile.message;
    }
    if (!/^\d{6}$/.test(code.trim())) problems.code = "请填写短信收到的 6 位验证码";
    if (id.state === "invalid" || id.state === "partial") problems.idNumber = id.message;
    if (!topic.trim()) problems.topic = "请简要写明反映的问题";
    if (!check) problems.altcha = "请稍候，人机验证完成后再提交";
    setLocal(problems);
    setTouched({ phone: true, idNumber: true });
    const firstKey = Object.keys(problems)[0];
    if (firstKey) {
      document.getElementById(`booking-${firstKey}`)?.focus();
      return;
    }
    if (mobile.state !== "valid" || !check) return;
    setSaving(true);
    setError(null);
    spendCheck();
    try {
      const booking = await book(tenant, {
        altcha: check,
        sessionId: session.id,
        slotStart,
        ...(hold && { holdId: hold.holdId }),
        name: name.trim(),
        phone: mobile.value,
        code: code.trim(),
        ...(id.state === "valid" && { idNumber: id.value }),
        topic: topic.trim(),
        ...(purpose && { purpose: purpose as Purpose }),
        ...(categoryCode && { categoryCode }),
        headcount: Number(headcount),
      });
      onDone(booking);
    } catch (err) {
      setSaving(false);
      if (isApiError(err) && err.code === "SLOT_FULL") {
        onFull(nearestFree(err));
        return;
      }
      setError(err);
    }
  };

  const errors = { ...fieldErrors(error), ...local };
  return (
    <form class="form" onSubmit={submit} onKeyDown={entryFormKeyDown} noValidate>
      <div class="card">
        <p>
          <strong>
            {session.leaderName} · {formatDate(session.date)}（{weekdayOf(session.date)}）
            {slotStart}
          </strong>
          <br />
          {session.venue}
        </p>
        {hold && (
          <p class="hint" role="timer" aria-live="off">
            {holdLeft > 0
              ? `已为您保留该时段，剩余 ${Math.floor(holdLeft / 60)}:${String(holdLeft % 60).padStart(2, "0")}`
              : "保留时间已过，提交时如该时段仍有空位即可预约成功。"}
          </p>
        )}
        <button type="button" class="button button--small" onClick={onBack}>
          改选时段
        </button>
      </div>

      <section class="card form" aria-labelledby="booking-who">
        <h2 id="booking-who">您的信息</h2>
        <TextField
          id="booking-name"
          label="姓名"
          autoComplete="name"
          value={name}
          onValue={setName}
          required
          maxLength={50}
          error={errors.name}
        />
        <TextField
          id="booking-phone"
          label="手机号码"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          value={phone}
          onValue={(value) => {
            setPhone(value);
            setLocal(({ phone: _stale, ...rest }) => rest);
          }}
          onBlur={() => setTouched((t) => ({ ...t, phone: true }))}
          required
          maxLength={20}
          hint="接收验证码和接访变动通知；查询预约时需输入后四位。"
          live
          ok={mobile.state === "valid" ? "号码格式正确" : undefined}
          error={mobileError ?? errors.phone}
        />
        <div class="code-row">
          <TextField
            id="booking-code"
            label="验证码"
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onValue={setCode}
            required
            maxLength={6}
            error={errors.code}
          />
          <button
            type="button"
            class="button"
            // Waits for the human check, which the phone solves on its own in a moment.
            disabled={sending || resendIn > 0 || !check}
            aria-busy={sending}
            onClick={sendCode}
          >
            {resendIn > 0
              ? `重新获取（${resendIn} 秒）`
              : codeStatus
                ? "重新获取验证码"
                : "获取验证码"}
          </button>
        </div>
        <p role="status" class="hint">
          {codeStatus}
        </p>
        <CitizenErrorAlert error={codeError} />
        <TextField
          id="booking-idNumber"
          label="身份证号码（选填）"
          value={idNumber}
          onValue={setIdNumber}
          onBlur={() => setTouched((t) => ({ ...t, idNumber: true }))}
          maxLength={18}
          live
          ok={id.state === "valid" ? "号码有效" : undefined}
          error={idError ?? errors.idNumber}
        />
      </section>

      <section class="card form" aria-labelledby="booking-what">
        <h2 id="booking-what">来访事由</h2>
        <TextField
          id="booking-topic"
          label="反映的问题"
          multiline
          rows={5}
          value={topic}
          onValue={(v) => setTopic(v.slice(0, TOPIC_MAX))}
          required
          maxLength={TOPIC_MAX}
          hint={`简要写明要反映的问题，便于领导提前了解。已输入 ${topic.length}/${TOPIC_MAX} 字。`}
          error={errors.topic}
        />
        <SelectField
          id="booking-purpose"
          label="信访目的（选填）"
          value={purpose}
          onValue={setPurpose}
          placeholder="请选择"
          options={PURPOSE_OPTIONS}
          error={errors.purpose}
        />
        <SelectField
          id="booking-categoryCode"
          label="问题类别（选填）"
          value={categoryCode}
          onValue={setCategoryCode}
          placeholder="请选择"
          options={CLASS_OPTIONS}
          hint="选择最接近的一类即可，便于领导提前准备。"
          error={errors.categoryCode}
        />
        <SelectField
          id="booking-headcount"
          label="来访人数"
          value={headcount}
          onValue={setHeadcount}
          options={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: `${n} 人` }))}
          hint="多人反映同一问题，请推选不超过 5 名代表来访。"
          error={errors.headcount}
        />
      </section>

      <HumanCheck
        key={checkRound}
        tenant={tenant}
        onChange={(payload) => {
          setCheck(payload);
          if (payload) setLocal(({ altcha: _done, ...rest }) => rest);
        }}
        error={local.altcha}
      />
      <CitizenErrorAlert error={error} labels={LABELS} />
      {Object.keys(local).length > 0 && (
        <div class="alert alert--error" role="alert">
          <p>请先补充或修正以下内容：</p>
          <ul>
            {Object.entries(local).map(([key, message]) => (
              <li key={key}>
                {LABELS[key] ?? key}：{message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="actions">
        <button
          type="submit"
          class="button button--primary"
          disabled={saving || !check}
          aria-busy={saving}
        >
          提交预约
        </button>
      </div>
    </form>
  );
}
