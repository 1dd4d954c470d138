import { useState } from "preact/hooks";
import type {
  CreateStaffBody as CreateStaffRequest,
  Role,
  Staff,
} from "../../../../schema/api/staff.ts";
import type { Unit } from "../../../../schema/api/units.ts";
import { createStaff } from "../../api/console.ts";
import { STAFF_FIELD_LABELS } from "../staff.ts";
import { unitOptions } from "../units.ts";
import { ErrorAlert, fieldErrors } from "./ErrorAlert.tsx";
import { SelectField, TextField } from "./Field.tsx";
import { RoleChecks } from "./RoleChecks.tsx";

interface Props {
  tenant: string;
  units: readonly Unit[];
  onCreated: (staff: Staff) => void;
}

const EMPTY = {
  username: "",
  password: "",
  displayName: "",
  unitId: "",
  badgeNumber: "",
  position: "",
};

export function StaffCreateForm({ tenant, units, onCreated }: Props) {
  const [form, setForm] = useState(EMPTY);
  const [roles, setRoles] = useState<Role[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [rolesMissing, setRolesMissing] = useState(false);
  const set = (key: keyof typeof EMPTY) => (value: string) =>
    setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: Event) => {
    event.preventDefault();
    if (roles.length === 0) {
      setRolesMissing(true);
      document.getElementById("new-staff-role-tenant_admin")?.focus();
      return;
    }
    setRolesMissing(false);
    setSaving(true);
    setError(null);
    const body: CreateStaffRequest = {
      username: form.username.trim(),
      password: form.password,
      displayName: form.displayName.trim(),
      unitId: form.unitId,
      roles,
    };
    if (form.badgeNumber.trim()) body.badgeNumber = form.badgeNumber.trim();
    if (form.position.trim()) body.position = form.position.trim();
    try {
      const staff = await createStaff(tenant, body);
      setForm(EMPTY);
      setRoles([]);
      onCreated(staff);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  const errors = fieldErrors(error);
  return (
    <form noValidate class="form" onSubmit={submit}>
      <div class="form-grid">
        <TextField
          id="new-staff-username"
          label="登录用户名"
          value={form.username}
          onValue={set("username")}
          required
          maxLength={64}
          hint="字母、数字等，登录时使用。"
          error={errors.username}
        />
        <TextField
          id="new-staff-password"
          label="初始密码"
          type="password"
          autoComplete="new-password"
          value={form.password}
          onValue={set("password")}
          required
          hint="请当面告知本人，并提醒首次登录后修改。"
          error={errors.password}
        />
        <TextField
          id="new-staff-name"
          label="姓名"
          value={form.displayName}
          onValue={set("displayName")}
          required
          maxLength={50}
          error={errors.displayName}
        />
        <SelectField
          id="new-staff-unit"
          label="所属单位"
          value={form.unitId}
          onValue={set("unitId")}
          options={unitOptions(units).map((o) => ({ value: o.id, label: o.label }))}
          placeholder="请选择"
          required
          error={errors.unitId}
        />
        <TextField
          id="new-staff-badge"
          label="工号（选填）"
          value={form.badgeNumber}
          onValue={set("badgeNumber")}
          maxLength={32}
          error={errors.badgeNumber}
        />
        <TextField
          id="new-staff-position"
          label="职务（选填）"
          value={form.position}
          onValue={set("position")}
          maxLength={50}
          error={errors.position}
        />
      </div>
      <RoleChecks
        idPrefix="new-staff"
        value={roles}
        onValue={setRoles}
        error={rolesMissing ? "请至少选择一个角色。" : errors.roles}
      />
      <ErrorAlert error={error} labels={STAFF_FIELD_LABELS} />
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={saving}>
          创建账号
        </button>
      </div>
    </form>
  );
}
