import { useState } from "preact/hooks";
import {
  type CaseFile,
  type FileStepName,
  fileUrl,
  listCaseFiles,
  thumbnailUrl,
  uploadCaseFile,
  uploadThumbnail,
  withdrawCaseFile,
} from "../../../api/files.ts";
import { formatDateTime } from "../../../shared/format.ts";
import { makeThumbnail } from "../../../shared/thumbnail.ts";
import { useAsync } from "../../hooks.ts";
import type { Lookup } from "../../lookup.ts";
import { ErrorAlert, SuccessStatus } from "../ErrorAlert.tsx";
import { SelectField, TextField } from "../Field.tsx";

export const STEP_LABELS: Record<FileStepName, string> = {
  registration: "登记",
  handling: "办理",
  reply: "答复",
  closing: "结案",
  petitioner: "信访人提交",
};

const STAFF_STEPS: FileStepName[] = ["registration", "handling", "reply", "closing"];

export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
}

interface Props {
  tenant: string;
  petitionId: string;
  lookup: Lookup;
  canAttach: boolean;
}

/** 案卷材料: the case's evidence files, an upload form, and withdrawal with a reason. */
export function CaseFiles({ tenant, petitionId, lookup, canAttach }: Props) {
  const files = useAsync(() => listCaseFiles(tenant, petitionId), `${tenant}/${petitionId}`);
  const [step, setStep] = useState<FileStepName>("handling");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [withdrawing, setWithdrawing] = useState<CaseFile | null>(null);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);

  const onUpload = async (event: Event) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem(
      "case-file",
    ) as HTMLInputElement | null;
    const chosen = [...(input?.files ?? [])];
    if (chosen.length === 0) return;
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      for (const file of chosen) {
        const stored = await uploadCaseFile(tenant, petitionId, file, step);
        if (stored.contentType.startsWith("image/")) {
          // A thumbnail is a convenience: the file is stored whether or not one is made.
          const thumb = await makeThumbnail(file);
          if (thumb) await uploadThumbnail(tenant, stored, thumb).catch(() => undefined);
        }
      }
      setStatus(`已上传 ${chosen.length} 个文件。`);
      if (input) input.value = "";
      files.reload();
    } catch (err) {
      setError(err);
      files.reload();
    } finally {
      setBusy(false);
    }
  };

  const onWithdraw = async (event: Event) => {
    event.preventDefault();
    if (!withdrawing) return;
    if (!reason.trim()) {
      setReasonError("请填写撤回理由");
      document.getElementById("file-reason")?.focus();
      return;
    }
    setReasonError(undefined);
    setBusy(true);
    setError(null);
    try {
      await withdrawCaseFile(tenant, withdrawing, reason.trim());
      setStatus(`已撤回“${withdrawing.name}”。`);
      setWithdrawing(null);
      setReason("");
      files.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const items = files.data?.items ?? [];
  return (
    <section class="card" aria-labelledby="files-title" data-testid="case-files">
      <h2 id="files-title">案卷材料</h2>
      <ErrorAlert error={files.error} />
      {items.length === 0 && !files.loading && <p class="hint">尚无材料。</p>}
      {items.length > 0 && (
        <ul class="file-list">
          {items.map((f) => (
            <li key={f.id} class={f.withdrawn ? "file file--withdrawn" : "file"}>
              {/* The browser's thumbnail; an image without one (older, or HEIC) as itself. */}
              {f.contentType.startsWith("image/") && !f.withdrawn && (
                <img
                  class="file__thumb"
                  src={f.thumbnail ? thumbnailUrl(tenant, f) : fileUrl(tenant, f, true)}
                  alt=""
                  loading="lazy"
                  data-testid={f.thumbnail ? "file-thumbnail" : undefined}
                />
              )}
              <div>
                <a href={fileUrl(tenant, f)}>{f.name}</a>
                <span class="hint">
                  {" "}
                  {STEP_LABELS[f.step]} · {sizeText(f.size)} ·{" "}
                  {f.addedBy ? lookup.staffName(f.addedBy) : "信访人"} · {formatDateTime(f.addedAt)}
                </span>
                {f.withdrawn && (
                  <p class="hint">
                    已撤回（{f.withdrawn.reason}，{formatDateTime(f.withdrawn.at)}）
                  </p>
                )}
                {canAttach && !f.withdrawn && (
                  <button
                    type="button"
                    class="button button--small"
                    onClick={() => {
                      setWithdrawing(f);
                      requestAnimationFrame(() => document.getElementById("file-reason")?.focus());
                    }}
                  >
                    撤回<span class="visually-hidden">{f.name}</span>
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <SuccessStatus message={status} />
      <ErrorAlert error={error} />
      {withdrawing && (
        <form class="form" onSubmit={onWithdraw} aria-label="撤回文件" noValidate>
          <TextField
            id="file-reason"
            label={`撤回“${withdrawing.name}”的理由`}
            required
            maxLength={500}
            value={reason}
            onValue={setReason}
            hint="文件不会删除，撤回后仍留在案卷中备查。"
            error={reasonError}
          />
          <div class="actions">
            <button type="submit" class="button button--primary" disabled={busy}>
              确认撤回
            </button>
            <button type="button" class="button" onClick={() => setWithdrawing(null)}>
              取消
            </button>
          </div>
        </form>
      )}
      {canAttach && (
        <form class="form" onSubmit={onUpload} aria-label="上传材料" noValidate>
          <div class="field">
            <label for="case-file">选择文件</label>
            <input
              id="case-file"
              name="case-file"
              type="file"
              multiple
              aria-describedby="case-file-hint"
              accept="image/*,application/pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,audio/*"
            />
            <p class="hint" id="case-file-hint">
              图片、PDF、Office 文档、录音；大小和数量以本县设置为准。
            </p>
          </div>
          <SelectField
            id="case-file-step"
            label="办理环节"
            value={step}
            onValue={(v) => setStep(v as FileStepName)}
            options={STAFF_STEPS.map((s) => ({ value: s, label: STEP_LABELS[s] }))}
          />
          <div class="actions">
            <button type="submit" class="button button--primary" disabled={busy}>
              {busy ? "正在上传…" : "上传"}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** The case's files as a short list, beside “案卷材料齐全” in the close checklist. */
export function CaseFileChecklist({ tenant, petitionId }: { tenant: string; petitionId: string }) {
  const files = useAsync(() => listCaseFiles(tenant, petitionId), `${tenant}/${petitionId}/close`);
  const live = (files.data?.items ?? []).filter((f) => !f.withdrawn);
  return (
    <div class="hint" data-testid="close-files">
      <p>
        案卷现有材料 {live.length} 件{live.length === 0 ? "，请核对后再勾选。" : "："}
      </p>
      {live.length > 0 && (
        <ul>
          {live.map((f) => (
            <li key={f.id}>
              <a href={fileUrl(tenant, f)}>{f.name}</a>（{STEP_LABELS[f.step]}）
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
