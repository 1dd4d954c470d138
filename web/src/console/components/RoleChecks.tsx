import type { Role } from "../../../../schema/api/staff.ts";
import { ROLE_LABELS, ROLES } from "../../shared/labels.ts";

interface Props {
  idPrefix: string;
  value: readonly Role[];
  onValue: (roles: Role[]) => void;
  error?: string | undefined;
  /** Roles the user may not remove here, e.g. an admin's own admin role. */
  locked?: readonly Role[];
}

export function RoleChecks({ idPrefix, value, onValue, error, locked = [] }: Props) {
  const toggle = (role: Role, on: boolean) => {
    const next = on ? [...value, role] : value.filter((r) => r !== role);
    // Keep the canonical order so the request and the table read the same way.
    onValue(ROLES.filter((r) => next.includes(r)));
  };
  const errorId = `${idPrefix}-roles-error`;
  return (
    <fieldset class="field" aria-describedby={error ? errorId : undefined}>
      <legend>角色</legend>
      <div class="checks">
        {ROLES.map((role) => {
          const id = `${idPrefix}-role-${role}`;
          return (
            <label key={role} class="check" for={id}>
              <input
                id={id}
                type="checkbox"
                checked={value.includes(role)}
                disabled={locked.includes(role)}
                onChange={(e) => toggle(role, e.currentTarget.checked)}
              />
              {ROLE_LABELS[role]}
            </label>
          );
        })}
      </div>
      {error && (
        <p id={errorId} class="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
