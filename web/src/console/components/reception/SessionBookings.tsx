import { useEffect, useState } from "preact/hooks";
import type { SessionBookings } from "../../../../../schema/api/reception.ts";
import { getSessionBookings } from "../../../api/reception-staff.ts";
import { formatDateTime } from "../../../shared/format.ts";
import { statusLabel } from "../../../shared/petition-labels.ts";
import { ErrorAlert } from "../ErrorAlert.tsx";

/**
 * The session's bookings for the leader and the desk to prepare: when, who, what about, and
 * the person's earlier cases as far as this reader may see them.
 */
export function SessionBookingsCard({ tenant, sessionId }: { tenant: string; sessionId: string }) {
  const [data, setData] = useState<SessionBookings | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    getSessionBookings(tenant, sessionId).then(
      (d) => live && setData(d),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [tenant, sessionId]);

  return (
    <section class="card prep" data-testid="session-bookings" aria-labelledby="prep-title">
      <h2 id="prep-title">预约群众{data ? `（${data.bookings.length} 人）` : ""}</h2>
      <ErrorAlert error={error} />
      {!data && !error && <p class="muted">正在加载预约…</p>}
      {data?.bookings.length === 0 && <p class="muted">本场暂无预约。</p>}
      {data && data.bookings.length > 0 && (
        <ol class="prep__list">
          {data.bookings.map((b) => (
            <li key={b.bookingCode} data-testid="prepared-booking">
              <p>
                <strong>{b.slotStart}</strong> {b.name}
                {b.headcount > 1 && `（${b.headcount} 人）`}
                <span class="hint"> 预约码 {b.bookingCode}</span>
              </p>
              <p class="prep__topic">反映问题：{b.topic}</p>
              {b.earlierCases.length === 0 ? (
                <p class="hint">无可查阅的既往信访事项。</p>
              ) : (
                <ul class="prep__cases" aria-label={`${b.name}的既往信访事项`}>
                  {b.earlierCases.map((e) => (
                    <li key={e.trackingCode}>
                      {e.trackingCode} · {e.categoryName} · {statusLabel(e.status)} ·{" "}
                      {formatDateTime(e.registeredAt)}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
