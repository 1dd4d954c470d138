import { useEffect, useRef, useState } from "preact/hooks";
import type {
  Role,
  Staff,
  UpdateStaffBody as UpdateStaffRequest,
} from "../../../../schema/api/staff.ts";
import type { Unit } from "../../../../schema/api/units.ts";
import { updateStaff } from "../../api/console.ts";
import { STAFF_FIELD_LABELS, staffStatus } from "../staff.ts";
import { unitOptions } from "../units.ts";
import { ErrorAlert, fieldErrors } from "./ErrorAlert.tsx";
import { SelectField, TextField } from "./Field.tsx";
import { RoleChecks } from "./RoleChecks.tsx";

interface Props {
  tenant: string;
  staff: Staff;
  units: readonly Unit[];
  /** The signed-in admin: they cannot lock themselves out from here. */
  isSelf: boolean;
  onSaved: (staff: Staff, message: string) => void;
  onClose: () => void;
}

const sameRoles = (a: readonly Role[], b: readonly Role[]) =>
  a.length === b.length && a.every((r) => b.includes(r));

export function StaffEditor({ tenant, staff, units, isSelf, onSaved, onClose }: Props) {
  const [displayName, setDisplayName] = useState(staff.displayName);
  const [unitId, setUnitId] = useState(staff.unitId);
  const [roles, setRoles] = useState<Role[]>(staff.roles);
  const [badgeNumber, setBadgeNumber] = useState(staff.badgeNumber ?? "");
  const [position, setPosition] = useState(staff.position ?? "");
  const [disabled, setDisabled] = useState(staff.disabled);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [rolesMissing, setRolesMissing] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  // Opening the editor from a table row moves focus here so keyboard users land on it.
  useEffect(() => heading.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (roles.length === 0) {
      setRolesMissing(true);
      return;
    }
    setRolesMissing(false);
    // Only changed fields are sent, so two admins editing different fields do not clash.
    const body: UpdateStaffRequest = {};
    if (displayName.trim() !== staff.displayName) body.displayName = displayName.trim();
    if (unitId !== staff.unitId) body.unitId = unitId;
    if (!sameRoles(roles, staff.roles)) body.roles = roles;
    const badge = badgeNumber.trim() || null;
    if (badge !== staff.badgeNumber) body.badgeNumber = badge;
    const pos = position.trim() || null;
    if (pos !== staff.position) body.position = pos;
    if (disabled !== staff.disabled) body.disabled = disabled;
    if (Object.keys(body).length === 0) {
      onSaved(staff, "没有需要保存的修改。");
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = await updateStaff(tenant, staff.id, body);
      onSaved(saved, `已保存 ${saved.displayName} 的信息。`);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  const errors = fieldErrors(error);
  const status = staffStatus(staff);
  return (
    <section class="card" aria-labelledby="edit-staff-title">
      <h2 id="edit-staff-title" ref={heading} tabindex={-1}>
        编辑人员：{staff.displayName}（{staff.username}）
      </h2>
      <p class="muted">当前状态：{status.label}</p>
      <form noValidate class="form" onSubmit={submit}>
        <div class="form-grid">
          <TextField
            id="edit-staff-name"
            label="姓名"
            value={displayName}
            onValue={setDisplayName}
            required
            maxLength={50}
            error={errors.displayName}
          />
          <SelectField
            id="edit-staff-unit"
            label="所属单位"
            value={unitId}
            onValue={setUnitId}
            options={unitOptions(units).map((o) => ({ value: o.id, label: o.label }))}
            required
            error={errors.unitId}
          />
          <TextField
            id="edit-staff-badge"
            label="工号"
            value={badgeNumber}
            onValue={setBadgeNumber}
            maxLength={32}
            error={errors.badgeNumber}
          />
          <TextField
            id="edit-staff-position"
            label="职务"
            value={position}
            onValue={setPosition}
            maxLength={50}
            error={errors.position}
          />
        </div>
        <RoleChecks
          idPrefix="edit-staff"
          value={roles}
          onValue={setRoles}
          locked={isSelf ? ["tenant_admin"] : []}
          error={rolesMissing ? "请至少选择一个角色。" : errors.roles}
        />
        <div class="field field--check">
          <label class="check" for="edit-staff-disabled">
            <input
              id="edit-staff-disabled"
              type="checkbox"
              checked={disabled}
              disabled={isSelf}
              aria-describedby="edit-staff-disabled-hint"
              onChange={(e) => setDisabled(e.currentTarget.checked)}
            />
            停用此账号
          </label>
          <p id="edit-staff-disabled-hint" class="hint">
            {isSelf
              ? "不能停用自己的账号，也不能取消自己的系统管理员角色。"
              : "停用后该账号无法登录，已登录的会话随之失效。"}
          </p>
        </div>
        <ErrorAlert error={error} labels={STAFF_FIELD_LABELS} />
        <div class="actions">
          <button type="submit" class="button button--primary" disabled={saving}>
            保存修改
          </button>
          <button type="button" class="button" onClick={onClose}>
            关闭
          </button>
        </div>
      </form>
      <PasswordReset tenant={tenant} staff={staff} onSaved={onSaved} />
    </section>
  );
}

function PasswordReset({
  tenant,
  staff,
  onSaved,
}: {
  tenant: string;
  staff: Staff;
  onSaved: (staff: Staff, message: string) => void;
}) {
  const [password, setPassword] = useState("");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const saved = await updateStaff(tenant, staff.id, { password });
      setPassword("");
      onSaved(saved, `已重置 ${saved.displayName} 的密码，请当面告知本人。`);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form noValidate class="form subform" onSubmit={submit} aria-labelledby="reset-password-title">
      <h3 id="reset-password-title">重置密码</h3>
      <TextField
        id="edit-staff-password"
        label="新密码"
        type="password"
        autoComplete="new-password"
        value={password}
        onValue={setPassword}
        required
        error={fieldErrors(error).password}
      />
      <ErrorAlert error={error} labels={STAFF_FIELD_LABELS} />
      <div class="actions">
        <button type="submit" class="button" disabled={saving}>
          重置密码
        </button>
      </div>
    </form>
  );
}
