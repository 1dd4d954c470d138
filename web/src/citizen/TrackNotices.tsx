import type { z } from "@hono/zod-openapi";
import { useRef, useState } from "preact/hooks";
import type {
  OnlineReviewRequestBody,
  TrackBody,
  TrackedPetition as TrackedSchema,
} from "../../../schema/api/petitions.ts";
import { request, seg } from "../api/client.ts";
import { ErrorAlert, fieldErrors } from "../console/components/ErrorAlert.tsx";
import { TextField } from "../console/components/Field.tsx";
import { formatDate } from "../shared/dates.ts";
import { HumanCheck } from "../shared/ui/HumanCheck.tsx";
import { NoticeTimeline } from "../shared/ui/NoticeTimeline.tsx";

type Tracked = z.infer<typeof TrackedSchema>;

/** §34: an extension is told with its reason and the new date. */
export function ExtensionNotice({ extension }: { extension: Tracked["extension"] }) {
  if (!extension) return null;
  return (
    <section class="card" aria-labelledby="extension-title" data-testid="extension">
      <h2 id="extension-title">办理期限已延长</h2>
      <dl class="facts">
        <dt>延长天数</dt>
        <dd>{extension.days} 日</dd>
        <dt>延长至</dt>
        <dd>{formatDate(extension.due)}</dd>
        <dt>延期理由</dt>
        <dd>{extension.reason}</dd>
      </dl>
    </section>
  );
}

/** What the petitioner was told, when and how (告知记录). */
export function NoticeList({ notices }: { notices: Tracked["notices"] }) {
  return (
    <section class="card" aria-labelledby="notices-title" data-testid="notices">
      <h2 id="notices-title">告知记录</h2>
      <NoticeTimeline notices={notices} inAppLabel="本页" />
    </section>
  );
}

type ReviewBody = z.infer<typeof OnlineReviewRequestBody>;

/** §35–§36: ask for a review or re-review online while the window is open. */
export function ReviewRequest({
  tenant,
  window,
  creds,
  onRequested,
}: {
  tenant: string;
  window: Tracked["reviewWindow"];
  creds: TrackBody;
  onRequested: (petition: Tracked) => void;
}) {
  const [reason, setReason] = useState("");
  const [check, setCheck] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const done = useRef<HTMLParagraphElement>(null);
  if (!window) return null;
  const what = window.kind === "review" ? "复查" : "复核";

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const problems: Record<string, string> = {};
    if (!reason.trim()) problems.reason = `请写明申请${what}的理由`;
    if (!check) problems.altcha = "请稍候，人机验证完成后再提交";
    setLocal(problems);
    if (Object.keys(problems).length > 0) {
      if (problems.reason) document.getElementById("review-reason")?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body: ReviewBody = { ...creds, reason: reason.trim(), altcha: check ?? "" };
      onRequested(await request("POST", `/api/v1/t/${seg(tenant)}/public/review-request`, body));
    } catch (err) {
      setError(err);
      setCheck(null);
      setRound((r) => r + 1);
    } finally {
      setBusy(false);
    }
  };

  const errors = { ...fieldErrors(error), ...local };
  return (
    <section class="card" aria-labelledby="review-title" data-testid="review-request">
      <h2 id="review-title">申请{what}</h2>
      <p ref={done} tabindex={-1}>
        如对处理意见不服，可在 {formatDate(window.closesOn)} 前在网上申请{what}。
      </p>
      <form class="form" noValidate onSubmit={submit}>
        <TextField
          id="review-reason"
          label={`申请${what}的理由`}
          multiline
          maxLength={2000}
          value={reason}
          onValue={setReason}
          required
          error={errors.reason}
        />
        <HumanCheck
          key={round}
          tenant={tenant}
          onChange={(payload) => {
            setCheck(payload);
            if (payload) setLocal(({ altcha: _done, ...rest }) => rest);
          }}
          error={errors.altcha}
        />
        <ErrorAlert error={error} labels={{ reason: "理由" }} />
        <div class="actions">
          <button type="submit" class="button button--primary" disabled={busy} aria-busy={busy}>
            提交{what}申请
          </button>
        </div>
      </form>
    </section>
  );
}
