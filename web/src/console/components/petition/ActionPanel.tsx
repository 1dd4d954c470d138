import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { ActionInput as ActionBodies } from "../../../../../schema/api/petitions.ts";
import type { PetitionAction } from "../../../../../schema/reference/petition-actions.ts";
import { takeAction } from "../../../api/petitions.ts";
import { ACTION_LABELS, isPetitionAction } from "../../../shared/petition-labels.ts";
import { ErrorAlert, fieldErrors, SuccessStatus } from "../ErrorAlert.tsx";
import type { FormProps, Props } from "./actions/fields.ts";
import { FIELDS } from "./actions/index.ts";
import { ConflictDetails } from "./ConflictDetails.tsx";

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
  recordNotice: "保存告知记录",
  requestExtension: "提交延期申请",
  refuseExtension: "确认不批准延期",
  acceptReport: "确认审核通过",
  sendBack: "确认发回重办",
  reportUpward: "确认已报送",
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
  content: "告知内容",
  reportedOn: "报送日期",
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
      noValidate
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
