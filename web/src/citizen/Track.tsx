import { useEffect, useRef, useState } from "preact/hooks";
import type {
  EvaluationView,
  Satisfaction,
  TrackBody,
  TrackedPetition,
} from "../../../schema/api/petitions.ts";
import { evaluatePetition, trackPetition } from "../api/citizen.ts";
import { isApiError } from "../api/client.ts";
import { fieldErrors } from "../console/components/ErrorAlert.tsx";
import { TextField } from "../console/components/Field.tsx";
import { formatDate, formatTrackingCode } from "../shared/dates.ts";
import { formatDateTime } from "../shared/format.ts";
import {
  CHANNEL_LABELS,
  CITIZEN_DEADLINES,
  EVALUATION_STATUS_LABELS,
  eventLabel,
  labelOf,
  SATISFACTION_LABELS,
  SATISFACTIONS,
  statusLabel,
} from "../shared/petition-labels.ts";
import { DeadlinesTable } from "../shared/ui/Deadlines.tsx";
import { RadioGroup } from "../shared/ui/RadioGroup.tsx";
import { ReplyView } from "../shared/ui/ReplyView.tsx";
import { CitizenErrorAlert } from "./CitizenError.tsx";
import { ExtensionNotice, NoticeList, ReviewRequest } from "./TrackNotices.tsx";

export function TrackPage({ tenant, initialCode }: { tenant: string; initialCode: string }) {
  const [code, setCode] = useState(initialCode);
  const [last4, setLast4] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [found, setFound] = useState<{ petition: TrackedPetition; creds: TrackBody } | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // Arriving from the submission page with the code filled in: go straight to the digits.
    document.getElementById(initialCode ? "track-last4" : "track-code")?.focus();
  }, [initialCode]);

  useEffect(() => {
    if (found) resultHeading.current?.focus();
  }, [found]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const creds: TrackBody = {
      trackingCode: code.normalize("NFKC").replace(/[\s-]/g, "").toUpperCase(),
      phoneLast4: last4.normalize("NFKC").trim(),
    };
    setBusy(true);
    setError(null);
    try {
      setFound({ petition: await trackPetition(tenant, creds), creds });
    } catch (err) {
      setFound(null);
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const notFound = isApiError(error) && error.status === 404;
  const errors = fieldErrors(error);
  return (
    <>
      <h1>查询办理进度</h1>
      <div class="card">
        <form noValidate class="form" onSubmit={submit}>
          <div class="form-grid">
            <TextField
              id="track-code"
              label="查询码"
              value={code}
              onValue={setCode}
              required
              maxLength={30}
              autoComplete="off"
              hint="提交或登记时获得的 10 位查询码，如 ABCD-EFGH-JK。"
              error={errors.trackingCode}
            />
            <TextField
              id="track-last4"
              label="手机号后四位"
              inputMode="numeric"
              value={last4}
              onValue={setLast4}
              required
              maxLength={4}
              autoComplete="off"
              error={errors.phoneLast4}
            />
          </div>
          {notFound ? (
            <p class="alert alert--error" role="alert">
              没有查到对应的信访事项。请核对查询码和登记的手机号码后四位。
            </p>
          ) : (
            <CitizenErrorAlert
              error={error}
              labels={{ trackingCode: "查询码", phoneLast4: "手机号后四位" }}
            />
          )}
          <div class="actions">
            <button type="submit" class="button button--primary" disabled={busy} aria-busy={busy}>
              查询
            </button>
          </div>
        </form>
      </div>
      {found && (
        <Result
          key={found.petition.trackingCode}
          tenant={tenant}
          petition={found.petition}
          creds={found.creds}
          headingRef={resultHeading}
          onEvaluated={(evaluation) =>
            setFound((f) => (f ? { ...f, petition: { ...f.petition, evaluation } } : f))
          }
          onChanged={(petition) => setFound((f) => (f ? { ...f, petition } : f))}
        />
      )}
    </>
  );
}

function Result({
  tenant,
  petition: p,
  creds,
  headingRef,
  onEvaluated,
  onChanged,
}: {
  tenant: string;
  petition: TrackedPetition;
  creds: TrackBody;
  headingRef: { current: HTMLHeadingElement | null };
  onEvaluated: (evaluation: EvaluationView) => void;
  onChanged: (petition: TrackedPetition) => void;
}) {
  const timeline = [...p.timeline].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <>
      <section class="card" aria-labelledby="result-title" data-testid="track-result">
        <h2 id="result-title" ref={headingRef} tabindex={-1}>
          {formatTrackingCode(p.trackingCode)} 的办理情况
        </h2>
        <p class="status-line">
          当前状态：
          <strong class="tag tag--info tag--large" data-testid="status">
            {statusLabel(p.status)}
          </strong>
        </p>
        <dl class="facts">
          <dt>事项类别</dt>
          <dd>{p.categoryName}</dd>
          <dt>信访方式</dt>
          <dd>{labelOf(CHANNEL_LABELS, p.channel)}</dd>
          <dt>收到日期</dt>
          <dd>{formatDate(p.receivedOn)}</dd>
          <dt>办理单位</dt>
          <dd>{p.responsibleUnitName}</dd>
        </dl>
      </section>
      <section class="card" aria-labelledby="progress-title">
        <h2 id="progress-title">办理过程</h2>
        {timeline.length === 0 ? (
          <p class="muted">暂无记录。</p>
        ) : (
          <ol class="timeline">
            {timeline.map((entry, i) => (
              <li key={`${entry.at}-${i}`} class="timeline__item">
                <p class="timeline__head">
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                  <strong>{eventLabel(entry.action)}</strong>
                </p>
                <p class="timeline__meta">
                  {entry.unitName && <span>{entry.unitName}</span>}
                  <span>{statusLabel(entry.toStatus)}</span>
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section class="card" aria-labelledby="deadlines-title">
        <h2 id="deadlines-title">期限</h2>
        <DeadlinesTable deadlines={p.deadlines} keys={CITIZEN_DEADLINES} caption="办理期限" />
      </section>
      <ExtensionNotice extension={p.extension} />
      {p.reply && <ReplyView reply={p.reply} unitName={p.reply.unitName} />}
      <ReviewRequest
        tenant={tenant}
        window={p.reviewWindow}
        creds={creds}
        onRequested={onChanged}
      />
      <NoticeList notices={p.notices} />
      <Evaluation
        tenant={tenant}
        evaluation={p.evaluation}
        creds={creds}
        onEvaluated={onEvaluated}
      />
    </>
  );
}

function Evaluation({
  tenant,
  evaluation: e,
  creds,
  onEvaluated,
}: {
  tenant: string;
  evaluation: EvaluationView;
  creds: TrackBody;
  onEvaluated: (evaluation: EvaluationView) => void;
}) {
  const [handlingUnit, setHandlingUnit] = useState<Satisfaction | "">("");
  const [office, setOffice] = useState<Satisfaction | "">("");
  const [comment, setComment] = useState("");
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);

  const options = SATISFACTIONS.map((s) => ({ value: s, label: SATISFACTION_LABELS[s] }));

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const problems: Record<string, string> = {};
    if (!handlingUnit) problems.handlingUnit = "请评价承办单位";
    if (!office) problems.office = "请评价信访部门";
    setMissing(problems);
    if (!handlingUnit || !office) {
      document.getElementById(`eval-${!handlingUnit ? "unit" : "office"}-satisfied`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body = {
        ...creds,
        handlingUnit,
        office,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      };
      onEvaluated(await evaluatePetition(tenant, body));
      requestAnimationFrame(() => statusRef.current?.focus());
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  const errors = { ...fieldErrors(error), ...missing };
  return (
    <section class="card" aria-labelledby="evaluation-title">
      <h2 id="evaluation-title">满意度评价</h2>
      <p ref={statusRef} tabindex={-1} data-testid="evaluation-status">
        评价状态：<strong>{labelOf(EVALUATION_STATUS_LABELS, e.status)}</strong>
        {e.status === "pending" && e.closesOn && `（请在 ${formatDate(e.closesOn)} 前评价）`}
      </p>
      {e.status === "not_open" && (
        <p class="muted">收到处理意见书后，可以在这里对办理结果进行评价。</p>
      )}
      {e.status === "done" && (
        <dl class="facts">
          <dt>对承办单位的评价</dt>
          <dd>{e.handlingUnit ? labelOf(SATISFACTION_LABELS, e.handlingUnit) : "—"}</dd>
          <dt>对信访部门的评价</dt>
          <dd>{e.office ? labelOf(SATISFACTION_LABELS, e.office) : "—"}</dd>
          {e.comment && (
            <>
              <dt>意见</dt>
              <dd>{e.comment}</dd>
            </>
          )}
          {e.at && (
            <>
              <dt>评价时间</dt>
              <dd>{formatDateTime(e.at)}</dd>
            </>
          )}
        </dl>
      )}
      {e.status === "pending" && (
        <form noValidate class="form" onSubmit={submit}>
          <RadioGroup
            name="eval-unit"
            legend="对承办单位的评价"
            options={options}
            value={handlingUnit}
            onValue={setHandlingUnit}
            required
            error={errors.handlingUnit}
          />
          <RadioGroup
            name="eval-office"
            legend="对信访部门的评价"
            options={options}
            value={office}
            onValue={setOffice}
            required
            error={errors.office}
          />
          <TextField
            id="eval-comment"
            label="意见和建议（选填）"
            multiline
            maxLength={1000}
            value={comment}
            onValue={setComment}
            error={errors.comment}
          />
          <CitizenErrorAlert
            error={error}
            labels={{
              handlingUnit: "对承办单位的评价",
              office: "对信访部门的评价",
              comment: "意见和建议",
            }}
          />
          <div class="actions">
            <button type="submit" class="button button--primary" disabled={busy} aria-busy={busy}>
              提交评价
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
