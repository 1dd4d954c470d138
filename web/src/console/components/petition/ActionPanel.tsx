import type { ComponentChildren } from "preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { isApiError } from "../../../api/client.ts";
import type {
  ActionBodies,
  CloseMethod,
  DeclineGround,
  DirectoryEntry,
  Outcome,
  Petition,
  PetitionAction,
} from "../../../api/petition-types.ts";
import { takeAction } from "../../../api/petitions.ts";
import type { Unit } from "../../../api/types.ts";
import { todayCst } from "../../../shared/dates.ts";
import {
  ACTION_LABELS,
  CLOSE_BLOCKER_LABELS,
  CLOSE_METHOD_LABELS,
  DECLINE_GROUND_LABELS,
  isPetitionAction,
  labelOf,
  OUTCOME_LABELS,
} from "../../../shared/petition-labels.ts";
import { RadioGroup } from "../../../shared/ui/RadioGroup.tsx";
import { type Lookup, personLabel } from "../../lookup.ts";
import { unitOptions } from "../../units.ts";
import { ErrorAlert, fieldErrors, SuccessStatus } from "../ErrorAlert.tsx";
import { SelectField, TextField } from "../Field.tsx";
import { CaseFileChecklist } from "./CaseFiles.tsx";

interface Props {
  tenant: string;
  petition: Petition;
  units: readonly Unit[];
  directory: readonly DirectoryEntry[];
  lookup: Lookup;
  onUpdated: (petition: Petition) => void;
  onReload: () => void;
}

/** The submit button of each form; differs from the toggle so each button name is unique. */
const SUBMIT_LABELS: Record<PetitionAction, string> = {
  accept: "确认受理",
  decline: "确认不予受理",
  forward: "确认转送",
  assign: "确认交办",
  object: "提交异议",
  reply: "提交处理意见书",
  extend: "确认延期",
  requestReview: "确认登记复查申请",
  requestReReview: "确认登记复核申请",
  recordHearing: "保存听证记录",
  assignOwner: "确认包案领导",
  designateHandler: "确认承办人",
  signOff: "确认签字",
  close: "确认结案",
  recordFollowUp: "保存回访记录",
};

const FIELD_LABELS: Record<string, string> = {
  note: "备注",
  reason: "理由",
  ground: "理由类别",
  toUnitId: "单位",
  subjectUnitId: "被检举控告单位",
  reportDue: "办结报告期限",
  instructions: "交办要求",
  request: "信访请求",
  factsAndReasons: "事实和理由",
  decision: "处理意见",
  legalBasis: "法律依据",
  outcome: "处理结果",
  days: "延长天数",
  requestedOn: "申请日期",
  startedOn: "听证开始日期",
  endedOn: "听证结束日期",
  leaderId: "包案领导",
  handlerId: "承办人",
  factsClear: "事实已查清",
  handled: "问题已处理",
  fileComplete: "案卷材料齐全",
  petitionerOpinion: "信访人意见",
  method: "结案方式",
  summary: "结案说明",
  visitedOn: "回访日期",
};

/** Exactly the actions the server lists for this user now, each with its own small form. */
export function ActionPanel(props: Props) {
  const { petition } = props;
  const actions = petition.availableActions.filter(isPetitionAction);
  const [open, setOpen] = useState<PetitionAction | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const toggles = useRef<Partial<Record<PetitionAction, HTMLButtonElement | null>>>({});
  const lastOpen = useRef<PetitionAction | null>(null);

  // Focus goes back to the button that opened a form when it closes, or to the heading
  // when the action is gone (the case moved on), so keyboard users keep their place.
  useLayoutEffect(() => {
    if (lastOpen.current && !open) {
      const toggle = toggles.current[lastOpen.current];
      if (toggle?.isConnected) toggle.focus();
      else document.getElementById("actions-title")?.focus();
    }
    lastOpen.current = open;
  }, [open]);

  // A form for an action that is no longer offered (the case moved on) is closed.
  useEffect(() => {
    if (open && !actions.includes(open)) setOpen(null);
  }, [open, actions]);

  return (
    <section class="card" aria-labelledby="actions-title">
      <h2 id="actions-title" tabindex={-1}>
        办理
      </h2>
      <SuccessStatus message={status} />
      {actions.length === 0 ? (
        <p class="muted">当前没有您可以执行的操作。</p>
      ) : (
        <div class="actions">
          {actions.map((action) => (
            <button
              key={action}
              ref={(el) => {
                toggles.current[action] = el;
              }}
              type="button"
              class={open === action ? "button button--primary" : "button"}
              aria-expanded={open === action}
              aria-controls={open === action ? `action-${action}` : undefined}
              onClick={() => {
                setStatus(null);
                setOpen(open === action ? null : action);
              }}
            >
              {ACTION_LABELS[action]}
            </button>
          ))}
        </div>
      )}
      {open && (
        <ActionForm
          key={open}
          {...props}
          action={open}
          onCancel={() => setOpen(null)}
          onDone={(updated) => {
            props.onUpdated(updated);
            setStatus(`已${ACTION_LABELS[open]}。`);
            setOpen(null);
          }}
        />
      )}
    </section>
  );
}

interface FormProps extends Props {
  action: PetitionAction;
  onCancel: () => void;
  onDone: (petition: Petition) => void;
}

function ActionForm(props: FormProps) {
  const { tenant, petition, action } = props;
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);
  // The field set below installs how to build its body; the frame owns sending it.
  const submitRef = useRef<(() => void) | null>(null);

  useEffect(() => {
    formRef.current
      ?.querySelector<HTMLElement>("input:not([type=hidden]), select, textarea")
      ?.focus();
  }, []);

  const send = async <A extends PetitionAction>(body: ActionBodies[A]) => {
    setSaving(true);
    setError(null);
    try {
      const updated = await takeAction(tenant, petition.id, action as A, {
        ...body,
        version: petition.version,
      });
      props.onDone(updated);
    } catch (err) {
      setError(err);
      setSaving(false);
    }
  };

  const errors = fieldErrors(error);
  const Fields = FIELDS[action];
  return (
    <form
      ref={formRef}
      id={`action-${action}`}
      class="form subform"
      aria-labelledby={`action-${action}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!saving) submitRef.current?.();
      }}
      onKeyDown={(e) => e.key === "Escape" && props.onCancel()}
    >
      <h3 id={`action-${action}-title`}>{ACTION_LABELS[action]}</h3>
      <Fields {...props} errors={errors} send={send} submitRef={submitRef} />
      <ErrorAlert error={error} labels={FIELD_LABELS} />
      <ConflictDetails error={error} onReload={props.onReload} />
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={saving} aria-busy={saving}>
          {SUBMIT_LABELS[action]}
        </button>
        <button type="button" class="button" onClick={props.onCancel}>
          取消
        </button>
      </div>
    </form>
  );
}

/** What a 409 says: which actions remain possible, or which close conditions are unmet. */
function ConflictDetails({ error, onReload }: { error: unknown; onReload: () => void }) {
  if (!isApiError(error) || error.status !== 409) return null;
  const details = (error.details ?? {}) as { allowedActions?: unknown; blockers?: unknown };
  const blockers = Array.isArray(details.blockers) ? details.blockers.map(String) : [];
  const allowed = Array.isArray(details.allowedActions)
    ? details.allowedActions.map(String).filter(isPetitionAction)
    : null;
  return (
    <div class="notice notice--warn" data-testid="conflict">
      {blockers.length > 0 && (
        <>
          <p>
            <strong>暂不能结案</strong>，以下条件尚未满足：
          </p>
          <ul>
            {blockers.map((key) => (
              <li key={key}>{CLOSE_BLOCKER_LABELS[key] ?? key}</li>
            ))}
          </ul>
        </>
      )}
      {allowed && (
        <p>
          案件当前状态下可执行：
          {allowed.length > 0 ? allowed.map((a) => ACTION_LABELS[a]).join("、") : "无"}。
        </p>
      )}
      {blockers.length === 0 && (
        <p>
          <button type="button" class="button button--small" onClick={onReload}>
            重新加载案件
          </button>
        </p>
      )}
    </div>
  );
}

/**
 * Each action's field set owns its state and, on every render, tells the frame how to build
 * the request body from it (`submitRef`); the frame adds the version and sends it.
 */
interface FieldsProps extends FormProps {
  errors: Record<string, string>;
  send: <A extends PetitionAction>(body: ActionBodies[A]) => Promise<void>;
  submitRef: { current: (() => void) | null };
}

function useSubmit(submitRef: FieldsProps["submitRef"], submit: () => void) {
  submitRef.current = submit;
}

const opt = (text: string) => (text.trim() ? text.trim() : undefined);

function NoteOnly({
  submitRef,
  send,
  errors,
  action,
  label,
  required,
  hint,
}: FieldsProps & { label: string; required?: boolean; hint?: string }) {
  const [note, setNote] = useState("");
  useSubmit(submitRef, () => {
    const text = opt(note);
    if (action === "object") void send<"object">({ reason: text ?? "" });
    else void send({ note: text } as ActionBodies["accept"]);
  });
  return (
    <TextField
      id={`${action}-note`}
      label={required ? label : `${label}（选填）`}
      multiline
      required={required}
      maxLength={2000}
      value={note}
      onValue={setNote}
      hint={hint}
      error={errors.note ?? errors.reason}
    />
  );
}

/**
 * An accusation is accepted by the county office, which says (or corrects) which unit it
 * accuses: without one it cannot be routed, and no one of that unit may be put on it.
 */
function Accept(props: FieldsProps) {
  if (!props.petition.confidential) return <NoteOnly {...props} label="受理意见" />;
  return <AcceptAccusation {...props} />;
}

function AcceptAccusation({ petition, units, submitRef, send, errors }: FieldsProps) {
  const [note, setNote] = useState("");
  const [subject, setSubject] = useState(petition.subjectUnitId ?? "");
  useSubmit(submitRef, () => {
    void send<"accept">({
      note: opt(note),
      ...(subject && subject !== petition.subjectUnitId && { subjectUnitId: subject }),
    });
  });
  return (
    <>
      <SelectField
        id="accept-subject"
        label="被检举控告单位"
        hint={
          petition.subjectText
            ? `信访人填写：${petition.subjectText}。确定后才能转送、交办或指定承办人。`
            : "确定后才能转送、交办或指定承办人。"
        }
        value={subject}
        onValue={setSubject}
        options={unitOptions(units).map((o) => ({ value: o.id, label: o.unit.name }))}
        placeholder="请选择"
        required
        error={errors.subjectUnitId}
      />
      <TextField
        id="accept-note"
        label="受理意见（选填）"
        multiline
        maxLength={2000}
        value={note}
        onValue={setNote}
        error={errors.note}
      />
    </>
  );
}

function SignOff(props: FieldsProps) {
  return (
    <NoteOnly
      {...props}
      label="签字意见"
      hint="包案领导确认已掌握情况、跟踪督办并同意按现有处理意见办结。"
    />
  );
}

function ObjectForm(props: FieldsProps) {
  return (
    <NoteOnly
      {...props}
      label="异议理由"
      required
      hint="收到后 5 个工作日内，说明不属于本单位职权范围的理由（第二十三条）。"
    />
  );
}

function Decline({ submitRef, send, errors, petition }: FieldsProps) {
  const initial: DeclineGround = petition.flags.repeat?.afterReReview
    ? "after_re_review"
    : petition.flags.inProgressBelow
      ? "in_progress_below"
      : "not_ours";
  const [ground, setGround] = useState<DeclineGround>(initial);
  const [reason, setReason] = useState("");
  useSubmit(submitRef, () => void send<"decline">({ ground, reason: reason.trim() }));
  return (
    <>
      <RadioGroup
        name="decline-ground"
        legend="理由类别"
        options={(Object.keys(DECLINE_GROUND_LABELS) as DeclineGround[]).map((g) => ({
          value: g,
          label: DECLINE_GROUND_LABELS[g],
        }))}
        value={ground}
        onValue={setGround}
        required
        error={errors.ground}
      />
      <TextField
        id="decline-reason"
        label="不予受理理由"
        multiline
        required
        maxLength={2000}
        value={reason}
        onValue={setReason}
        hint="将书面告知信访人，并告知其依法可以采取的途径。"
        error={errors.reason}
      />
    </>
  );
}

function UnitPicker({
  id,
  label,
  units,
  exclude,
  value,
  onValue,
  error,
}: {
  id: string;
  label: string;
  units: readonly Unit[];
  exclude: string;
  value: string;
  onValue: (v: string) => void;
  error?: string | undefined;
}) {
  return (
    <SelectField
      id={id}
      label={label}
      value={value}
      onValue={onValue}
      options={unitOptions(units)
        .filter((o) => o.id !== exclude && o.unit.kind !== "county")
        .map((o) => ({ value: o.id, label: o.unit.name }))}
      placeholder="请选择"
      required
      error={error}
    />
  );
}

function Forward({ submitRef, send, errors, units, petition }: FieldsProps) {
  const [toUnitId, setToUnitId] = useState("");
  const [note, setNote] = useState("");
  useSubmit(submitRef, () => void send<"forward">({ toUnitId, note: opt(note) }));
  return (
    <>
      <UnitPicker
        id="forward-toUnitId"
        label="转送单位"
        units={units}
        exclude={petition.responsibleUnitId}
        value={toUnitId}
        onValue={setToUnitId}
        error={errors.toUnitId}
      />
      <TextField
        id="forward-note"
        label="转送说明（选填）"
        multiline
        maxLength={2000}
        value={note}
        onValue={setNote}
        error={errors.note}
      />
    </>
  );
}

function Assign({ submitRef, send, errors, units, petition }: FieldsProps) {
  const [toUnitId, setToUnitId] = useState("");
  const [reportDue, setReportDue] = useState("");
  const [instructions, setInstructions] = useState("");
  useSubmit(
    submitRef,
    () =>
      void send<"assign">({
        toUnitId,
        reportDue: reportDue || undefined,
        instructions: opt(instructions),
      }),
  );
  return (
    <>
      <UnitPicker
        id="assign-toUnitId"
        label="交办单位"
        units={units}
        exclude={petition.responsibleUnitId}
        value={toUnitId}
        onValue={setToUnitId}
        error={errors.toUnitId}
      />
      <TextField
        id="assign-reportDue"
        label="办结报告期限（选填）"
        type="date"
        min={todayCst()}
        value={reportDue}
        onValue={setReportDue}
        hint="不填则为办理期限。承办单位须按期报送办结报告。"
        error={errors.reportDue}
      />
      <TextField
        id="assign-instructions"
        label="交办要求（选填）"
        multiline
        maxLength={2000}
        value={instructions}
        onValue={setInstructions}
        error={errors.instructions}
      />
    </>
  );
}

function Reply({ submitRef, send, errors, petition }: FieldsProps) {
  const [request, setRequest] = useState(petition.material.demands);
  const [factsAndReasons, setFacts] = useState("");
  const [decision, setDecision] = useState("");
  const [legalBasis, setLegalBasis] = useState("");
  const [outcome, setOutcome] = useState<Outcome | "">("");
  const [missing, setMissing] = useState(false);
  useSubmit(submitRef, () => {
    if (!outcome) {
      setMissing(true);
      document.getElementById("reply-outcome-support")?.focus();
      return;
    }
    void send<"reply">({
      request: request.trim(),
      factsAndReasons: factsAndReasons.trim(),
      decision: decision.trim(),
      legalBasis: legalBasis.trim(),
      outcome,
    });
  });
  return (
    <>
      <p class="hint">
        处理意见书应载明信访人的请求、事实和理由、处理意见及其法律法规依据（第三十二条）。
      </p>
      <TextField
        id="reply-request"
        label="信访请求"
        multiline
        required
        maxLength={5000}
        value={request}
        onValue={setRequest}
        error={errors.request}
      />
      <TextField
        id="reply-facts"
        label="事实和理由"
        multiline
        rows={5}
        required
        maxLength={10000}
        value={factsAndReasons}
        onValue={setFacts}
        error={errors.factsAndReasons}
      />
      <TextField
        id="reply-decision"
        label="处理意见"
        multiline
        required
        maxLength={5000}
        value={decision}
        onValue={setDecision}
        error={errors.decision}
      />
      <TextField
        id="reply-legal-basis"
        label="法律依据"
        multiline
        required
        maxLength={5000}
        value={legalBasis}
        onValue={setLegalBasis}
        error={errors.legalBasis}
      />
      <RadioGroup
        name="reply-outcome"
        legend="处理结果"
        options={(Object.keys(OUTCOME_LABELS) as Outcome[]).map((o) => ({
          value: o,
          label: OUTCOME_LABELS[o],
        }))}
        value={outcome}
        onValue={(o) => {
          setOutcome(o);
          setMissing(false);
        }}
        required
        error={missing ? "请选择处理结果" : errors.outcome}
      />
    </>
  );
}

function Extend({ submitRef, send, errors, petition }: FieldsProps) {
  const [days, setDays] = useState("30");
  const [reason, setReason] = useState("");
  useSubmit(submitRef, () => void send<"extend">({ days: Number(days), reason: reason.trim() }));
  return (
    <>
      <TextField
        id="extend-days"
        label="延长天数"
        type="number"
        inputMode="numeric"
        min={1}
        max={30}
        required
        value={days}
        onValue={setDays}
        hint={`最多延长 30 日，须经本单位负责人批准，并将延期理由告知信访人（第三十四条）。${petition.extensionDays > 0 ? `已延期 ${petition.extensionDays} 日。` : ""}`}
        error={errors.days}
      />
      <TextField
        id="extend-reason"
        label="延期理由"
        multiline
        required
        maxLength={2000}
        value={reason}
        onValue={setReason}
        error={errors.reason}
      />
    </>
  );
}

function RequestReview({ submitRef, send, errors, action }: FieldsProps) {
  const [requestedOn, setRequestedOn] = useState(todayCst());
  const [note, setNote] = useState("");
  useSubmit(
    submitRef,
    () => void send<"requestReview">({ requestedOn: requestedOn || undefined, note: opt(note) }),
  );
  const what = action === "requestReReview" ? "复核" : "复查";
  return (
    <>
      <TextField
        id={`${action}-requestedOn`}
        label={`${what}申请日期`}
        type="date"
        max={todayCst()}
        value={requestedOn}
        onValue={setRequestedOn}
        hint={`信访人应在收到意见之日起 30 日内申请${what}；答复期限 30 日。`}
        error={errors.requestedOn}
      />
      <TextField
        id={`${action}-note`}
        label="备注（选填）"
        multiline
        maxLength={2000}
        value={note}
        onValue={setNote}
        error={errors.note}
      />
    </>
  );
}

function Hearing({ submitRef, send, errors }: FieldsProps) {
  const [startedOn, setStartedOn] = useState(todayCst());
  const [endedOn, setEndedOn] = useState(todayCst());
  const [note, setNote] = useState("");
  useSubmit(submitRef, () => void send<"recordHearing">({ startedOn, endedOn, note: opt(note) }));
  return (
    <>
      <p class="hint">听证所需时间不计入复核答复期限（第三十六条）。</p>
      <div class="form-grid">
        <TextField
          id="hearing-startedOn"
          label="听证开始日期"
          type="date"
          required
          value={startedOn}
          onValue={setStartedOn}
          error={errors.startedOn}
        />
        <TextField
          id="hearing-endedOn"
          label="听证结束日期"
          type="date"
          required
          value={endedOn}
          onValue={setEndedOn}
          error={errors.endedOn}
        />
      </div>
      <TextField
        id="hearing-note"
        label="听证情况（选填）"
        multiline
        maxLength={2000}
        value={note}
        onValue={setNote}
        error={errors.note}
      />
    </>
  );
}

function PersonPicker({
  id,
  label,
  people,
  lookup,
  value,
  onValue,
  error,
  hint,
}: {
  id: string;
  label: string;
  people: readonly DirectoryEntry[];
  lookup: Lookup;
  value: string;
  onValue: (v: string) => void;
  error?: string | undefined;
  hint?: string;
}) {
  return (
    <SelectField
      id={id}
      label={label}
      value={value}
      onValue={onValue}
      options={people.map((p) => ({
        value: p.id,
        label: personLabel(p, lookup.unitName(p.unitId)),
      }))}
      placeholder={people.length ? "请选择" : "（名录中没有合适人员）"}
      required
      hint={hint}
      error={error}
    />
  );
}

/** People of the case's unit first, then the county office, then everyone else. */
function rankFor(petition: Petition, units: readonly Unit[]) {
  const county = new Set(units.filter((u) => u.kind === "county").map((u) => u.id));
  return (p: DirectoryEntry) =>
    p.unitId === petition.responsibleUnitId ? 0 : county.has(p.unitId) ? 1 : 2;
}

function AssignOwner({ submitRef, send, errors, directory, lookup, petition, units }: FieldsProps) {
  const rank = rankFor(petition, units);
  const leaders = directory
    .filter((p) => p.roles.includes("leader"))
    .sort((a, b) => rank(a) - rank(b));
  const [leaderId, setLeaderId] = useState(petition.ownerLeaderId ?? "");
  useSubmit(submitRef, () => void send<"assignOwner">({ leaderId }));
  return (
    <PersonPicker
      id="owner-leaderId"
      label="包案领导"
      people={leaders}
      lookup={lookup}
      value={leaderId}
      onValue={setLeaderId}
      hint="包案领导包掌握情况、包思想教育、包跟踪督办、包解决化解、包息诉息访。"
      error={errors.leaderId}
    />
  );
}

function DesignateHandler({
  submitRef,
  send,
  errors,
  directory,
  lookup,
  petition,
  units,
}: FieldsProps) {
  const rank = rankFor(petition, units);
  const handlers = directory
    .filter((p) => p.roles.includes("handler"))
    .sort((a, b) => rank(a) - rank(b));
  const [handlerId, setHandlerId] = useState(petition.handlerId ?? "");
  useSubmit(submitRef, () => void send<"designateHandler">({ handlerId }));
  return (
    <PersonPicker
      id="handler-handlerId"
      label="承办人"
      people={handlers}
      lookup={lookup}
      value={handlerId}
      onValue={setHandlerId}
      error={errors.handlerId}
    />
  );
}

function Close({ submitRef, send, errors, petition, lookup, tenant }: FieldsProps) {
  const [factsClear, setFactsClear] = useState(false);
  const [handled, setHandled] = useState(false);
  const [fileComplete, setFileComplete] = useState(false);
  const [petitionerOpinion, setOpinion] = useState("");
  const [method, setMethod] = useState<CloseMethod>("handled");
  const [summary, setSummary] = useState("");
  useSubmit(
    submitRef,
    () =>
      void send<"close">({
        factsClear,
        handled,
        fileComplete,
        petitionerOpinion: petitionerOpinion.trim(),
        method,
        summary: opt(summary),
      }),
  );
  const check = (id: string, label: string, value: boolean, set: (v: boolean) => void) => (
    <label class="check" for={id}>
      <input
        id={id}
        type="checkbox"
        checked={value}
        onChange={(e) => set(e.currentTarget.checked)}
      />
      {label}
    </label>
  );
  return (
    <>
      <fieldset class="field">
        <legend>结案条件</legend>
        <div class="checks checks--column">
          {check("close-factsClear", "事实已查清", factsClear, setFactsClear)}
          {check("close-handled", "问题已处理到位", handled, setHandled)}
          {check("close-fileComplete", "案卷材料齐全", fileComplete, setFileComplete)}
        </div>
        <CaseFileChecklist tenant={tenant} petitionId={petition.id} />
        <p class="hint" data-testid="owner-signoff">
          包案领导签字：
          {petition.ownerLeaderId
            ? `${lookup.staffName(petition.ownerLeaderId)}${petition.ownerSignedOff ? "，已签字" : "，尚未签字"}`
            : "未确定包案领导"}
        </p>
      </fieldset>
      <TextField
        id="close-opinion"
        label="信访人意见"
        multiline
        maxLength={2000}
        value={petitionerOpinion}
        onValue={setOpinion}
        hint="记录信访人对处理结果的意见；未记录的不能结案。"
        error={errors.petitionerOpinion}
      />
      <RadioGroup
        name="close-method"
        legend="结案方式"
        options={(Object.keys(CLOSE_METHOD_LABELS) as CloseMethod[]).map((m) => ({
          value: m,
          label: labelOf(CLOSE_METHOD_LABELS, m),
        }))}
        value={method}
        onValue={setMethod}
        required
        error={errors.method}
      />
      <TextField
        id="close-summary"
        label="结案说明（选填）"
        multiline
        maxLength={2000}
        value={summary}
        onValue={setSummary}
        error={errors.summary}
      />
    </>
  );
}

function FollowUp({ submitRef, send, errors }: FieldsProps) {
  const [visitedOn, setVisitedOn] = useState(todayCst());
  const [note, setNote] = useState("");
  useSubmit(
    submitRef,
    () => void send<"recordFollowUp">({ note: note.trim(), visitedOn: visitedOn || undefined }),
  );
  return (
    <>
      <TextField
        id="followup-visitedOn"
        label="回访日期"
        type="date"
        max={todayCst()}
        value={visitedOn}
        onValue={setVisitedOn}
        error={errors.visitedOn}
      />
      <TextField
        id="followup-note"
        label="回访情况"
        multiline
        required
        maxLength={2000}
        value={note}
        onValue={setNote}
        error={errors.note}
      />
    </>
  );
}

const FIELDS: Record<PetitionAction, (props: FieldsProps) => ComponentChildren> = {
  accept: Accept,
  decline: Decline,
  forward: Forward,
  assign: Assign,
  object: ObjectForm,
  reply: Reply,
  extend: Extend,
  requestReview: RequestReview,
  requestReReview: RequestReview,
  recordHearing: Hearing,
  assignOwner: AssignOwner,
  designateHandler: DesignateHandler,
  signOff: SignOff,
  close: Close,
  recordFollowUp: FollowUp,
};
