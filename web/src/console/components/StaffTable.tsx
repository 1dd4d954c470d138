import type { Staff } from "../../../../schema/api/staff.ts";
import type { Unit } from "../../../../schema/api/units.ts";
import { roleLabels } from "../../shared/labels.ts";
import { staffStatus } from "../staff.ts";

interface Props {
  staff: readonly Staff[];
  units: readonly Unit[];
  selectedId: string | null;
  onEdit: (staff: Staff) => void;
}

export function StaffTable({ staff, units, selectedId, onEdit }: Props) {
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  if (staff.length === 0) return <p class="muted">还没有工作人员账号。</p>;
  return (
    <table class="table">
      <caption class="visually-hidden">工作人员列表</caption>
      <thead>
        <tr>
          <th scope="col">用户名</th>
          <th scope="col">姓名</th>
          <th scope="col">工号</th>
          <th scope="col">职务</th>
          <th scope="col">单位</th>
          <th scope="col">角色</th>
          <th scope="col">状态</th>
          <th scope="col">操作</th>
        </tr>
      </thead>
      <tbody>
        {staff.map((s) => {
          const status = staffStatus(s);
          return (
            <tr key={s.id} data-id={s.id} aria-current={s.id === selectedId ? "true" : undefined}>
              <td data-label="用户名">
                <span>{s.username}</span>
              </td>
              <td data-label="姓名" class="nowrap">
                <span>{s.displayName}</span>
              </td>
              <td data-label="工号" class="nowrap">
                <span>{s.badgeNumber ?? "—"}</span>
              </td>
              <td data-label="职务">
                <span>{s.position ?? "—"}</span>
              </td>
              <td data-label="单位">
                <span>{unitName.get(s.unitId) ?? "（未知单位）"}</span>
              </td>
              <td data-label="角色">
                <span>{roleLabels(s.roles)}</span>
              </td>
              <td data-label="状态" class="nowrap">
                <span>
                  <span
                    class={
                      status.kind === "ok"
                        ? "tag tag--ok"
                        : status.kind === "locked"
                          ? "tag tag--bad"
                          : "tag"
                    }
                  >
                    {status.label}
                  </span>
                </span>
              </td>
              <td data-label="操作" class="nowrap">
                <span>
                  <button
                    type="button"
                    class="button button--small"
                    aria-label={`编辑 ${s.displayName}（${s.username}）`}
                    onClick={() => onEdit(s)}
                  >
                    编辑
                  </button>
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
