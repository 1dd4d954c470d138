import { useEffect, useRef } from "preact/hooks";
import type { ReceptionSession } from "../../../../../schema/api/reception.ts";
import { formatDate, weekdayOf } from "../../../shared/dates.ts";

/** What goes public, session by session, before anything does. */
export function PublishSummary({
  drafts,
  busy,
  onConfirm,
  onCancel,
}: {
  drafts: readonly ReceptionSession[];
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const confirmRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => confirmRef.current?.focus(), []);
  return (
    <section
      class="card publish-summary"
      aria-labelledby="publish-confirm-title"
      data-testid="publish-summary"
    >
      <h3 id="publish-confirm-title" ref={confirmRef} tabindex={-1}>
        确认公示以下 {drafts.length} 场接访？
      </h3>
      <p class="hint">公示后以下内容将在本县公开页面和预约页面向社会公开，群众即可预约。</p>
      <ul class="upcoming">
        {drafts.map((s) => (
          <li key={s.id}>
            <strong>
              {formatDate(s.date)}（{weekdayOf(s.date)}）{s.startTime}–{s.endTime}
            </strong>
            <span>
              {s.leaderName}
              {s.leaderPosition && ` ${s.leaderPosition}`}
              {s.portfolio && `（${s.portfolio}）`} · {s.formLabel}
            </span>
            <span>
              {s.venue} · 每 {s.slotMinutes} 分钟可约 {s.capacityPerSlot} 人
            </span>
          </li>
        ))}
      </ul>
      <p class="actions">
        <button
          type="button"
          class="button button--primary"
          disabled={busy}
          aria-busy={busy}
          onClick={onConfirm}
        >
          确认公示
        </button>
        <button type="button" class="button" disabled={busy} onClick={onCancel}>
          暂不公示
        </button>
      </p>
    </section>
  );
}
