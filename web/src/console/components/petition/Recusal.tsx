import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { declareRecusal } from "../../../api/petitions.ts";
import { ErrorAlert, fieldErrors, SuccessStatus } from "../ErrorAlert.tsx";
import { TextField } from "../Field.tsx";

interface Props {
  tenant: string;
  petitionId: string;
  onDeclared: () => void;
}

/** §28: staff with a direct interest in the case or the petitioner step aside. */
export function Recusal({ tenant, petitionId, onDeclared }: Props) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);

  useLayoutEffect(() => {
    if (wasOpen.current && !open) toggle.current?.focus();
    wasOpen.current = open;
  }, [open]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await declareRecusal(tenant, petitionId, { reason: reason.trim() });
      setStatus("已申请回避，本案将由其他工作人员办理。");
      setOpen(false);
      setReason("");
      onDeclared();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section class="card" aria-labelledby="recusal-title">
      <h2 id="recusal-title">回避</h2>
      <p class="hint">与本案或信访人有直接利害关系的，应当主动回避（第二十八条）。</p>
      <SuccessStatus message={status} />
      {!open && (
        <p>
          <button
            ref={toggle}
            type="button"
            class="button"
            aria-expanded="false"
            onClick={() => {
              setStatus(null);
              setOpen(true);
              requestAnimationFrame(() => document.getElementById("recusal-reason")?.focus());
            }}
          >
            申请回避
          </button>
        </p>
      )}
      {open && (
        <form noValidate class="form" onSubmit={submit} aria-label="申请回避">
          <TextField
            id="recusal-reason"
            label="回避理由"
            multiline
            required
            maxLength={2000}
            value={reason}
            onValue={setReason}
            hint="如：与信访人系近亲属；本人是被反映对象。"
            error={fieldErrors(error).reason}
          />
          <ErrorAlert error={error} labels={{ reason: "回避理由" }} />
          <div class="actions">
            <button type="submit" class="button button--primary" disabled={saving}>
              提交回避申请
            </button>
            <button type="button" class="button" onClick={() => setOpen(false)}>
              取消
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
