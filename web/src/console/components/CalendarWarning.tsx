import { getCalendar } from "../../api/petitions.ts";
import { todayCst } from "../../shared/dates.ts";
import { consolePath } from "../../shared/tenant.ts";
import { useAsync } from "../hooks.ts";

/**
 * From 1 November, tells the administrator when next year's holiday calendar is missing:
 * cases registered now already run into it.
 */
export function CalendarWarning({ tenant }: { tenant: string }) {
  const today = todayCst();
  const next = Number(today.slice(0, 4)) + 1;
  const due = today.slice(5) >= "11-01";
  const calendar = useAsync(
    () => (due ? getCalendar(tenant, next) : Promise.resolve(null)),
    `${tenant}/${next}/${due}`,
  );
  if (!due || !calendar.data || calendar.data.years.includes(next)) return null;
  return (
    <div class="notice notice--warn" role="status" data-testid="calendar-warning">
      <p>
        <strong>{next} 年的节假日安排尚未录入。</strong>
        跨年案件的期限暂按周末计算，请在国务院公布后尽快
        <a href={consolePath(tenant, "/calendar")}>录入节假日</a>。
      </p>
    </div>
  );
}
