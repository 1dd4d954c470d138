import { useEffect, useState } from "preact/hooks";
import type {
  BookingView as Booking,
  Hold,
  SessionWithSlots,
} from "../../../schema/api/reception.ts";
import { NATIONAL_CATEGORIES } from "../../../schema/reference/categories.ts";
import { PURPOSE_LABELS, PURPOSES, type Purpose } from "../../../schema/reference/intake.ts";
import { isApiError, retryAfterSeconds } from "../api/client.ts";
import { book, nearestFree, requestBookingCode } from "../api/reception.ts";
import { fieldErrors } from "../console/components/ErrorAlert.tsx";
import { SelectField, TextField } from "../console/components/Field.tsx";
import { formatDate, weekdayOf } from "../shared/dates.ts";
import { checkIdNumber, checkMobile } from "../shared/id-number.ts";
import { FixList } from "../shared/ui/FixList.tsx";
import { HumanCheck } from "../shared/ui/HumanCheck.tsx";
import { entryFormKeyDown } from "../shared/ui/keyboard.ts";
import { CitizenErrorAlert } from "./CitizenError.tsx";

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

function useCountdown(until: number | null): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (until === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}

export function BookingForm({
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
      <FixList problems={local} labels={LABELS} />
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
