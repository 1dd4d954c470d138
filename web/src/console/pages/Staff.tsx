import { useState } from "preact/hooks";
import type { Staff } from "../../../../schema/api/staff.ts";
import { listStaff, listUnits } from "../../api/console.ts";
import { ErrorAlert, SuccessStatus } from "../components/ErrorAlert.tsx";
import { Loading } from "../components/Loading.tsx";
import { StaffCreateForm } from "../components/StaffCreateForm.tsx";
import { StaffEditor } from "../components/StaffEditor.tsx";
import { StaffTable } from "../components/StaffTable.tsx";
import { useAsync, usePageTitle } from "../hooks.ts";
import { useSession } from "../session.ts";

export function StaffPage() {
  const { tenant, me, refresh } = useSession();
  usePageTitle("人员管理", me.tenant.name);
  const data = useAsync(
    () =>
      Promise.all([listStaff(tenant), listUnits(tenant)]).then(([s, u]) => ({
        staff: s.staff,
        units: u.units,
      })),
    tenant,
  );
  const [editingId, setEditingId] = useState<string | null>(null);
  const [listStatus, setListStatus] = useState<string | null>(null);
  const [createStatus, setCreateStatus] = useState<string | null>(null);

  const upsert = (staff: Staff) =>
    data.setData((d = { staff: [], units: [] }) => ({
      ...d,
      staff: d.staff.some((s) => s.id === staff.id)
        ? d.staff.map((s) => (s.id === staff.id ? staff : s))
        : [...d.staff, staff],
    }));

  const editing = data.data?.staff.find((s) => s.id === editingId);

  const closeEditor = () => {
    const id = editingId;
    setEditingId(null);
    // Hand focus back to the row's edit button that opened the editor.
    if (id) {
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(id)}"] button`)?.focus(),
      );
    }
  };

  return (
    <>
      <h1>人员管理</h1>
      <p class="lead">为本县工作人员开设账号、分配角色和所属单位。</p>
      <ErrorAlert error={data.error} />
      {data.data === undefined && data.loading && <Loading what="人员" />}
      {data.data !== undefined && (
        <>
          <section class="card" aria-labelledby="staff-list-title">
            <h2 id="staff-list-title">工作人员（{data.data.staff.length} 人）</h2>
            <SuccessStatus message={listStatus} />
            <StaffTable
              staff={data.data.staff}
              units={data.data.units}
              selectedId={editingId}
              onEdit={(s) => {
                setListStatus(null);
                setCreateStatus(null);
                setEditingId(s.id);
              }}
            />
          </section>
          {/* One form at a time: the editor takes the create form's place, so field labels
              on the page stay unique. */}
          {editing ? (
            <StaffEditor
              key={editing.id}
              tenant={tenant}
              staff={editing}
              units={data.data.units}
              isSelf={editing.id === me.staff.id}
              onSaved={(saved, message) => {
                upsert(saved);
                setListStatus(message);
                closeEditor();
                // The header shows the admin's own name, badge and unit.
                if (saved.id === me.staff.id) void refresh().catch(() => {});
              }}
              onClose={closeEditor}
            />
          ) : (
            <section class="card" aria-labelledby="create-staff-title">
              <h2 id="create-staff-title">新增人员</h2>
              <StaffCreateForm
                tenant={tenant}
                units={data.data.units}
                onCreated={(staff) => {
                  upsert(staff);
                  setCreateStatus(`已创建账号 ${staff.username}（${staff.displayName}）。`);
                }}
              />
              <SuccessStatus message={createStatus} />
            </section>
          )}
        </>
      )}
    </>
  );
}
