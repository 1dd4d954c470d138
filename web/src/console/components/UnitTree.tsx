import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { Unit } from "../../../../schema/api/units.ts";
import { updateUnit } from "../../api/console.ts";
import { UNIT_KIND_LABELS } from "../../shared/labels.ts";
import type { UnitNode } from "../units.ts";
import { ErrorAlert, fieldErrors } from "./ErrorAlert.tsx";

interface TreeProps {
  tenant: string;
  nodes: readonly UnitNode[];
  onUpdated: (unit: Unit) => void;
}

export function UnitTree({ tenant, nodes, onUpdated }: TreeProps) {
  // One row at a time is editable, which keeps the field labels on the page unambiguous.
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <ul class="tree">
      {nodes.map((node) => (
        <UnitBranch
          key={node.unit.id}
          node={node}
          tenant={tenant}
          editing={editing}
          setEditing={setEditing}
          onUpdated={onUpdated}
        />
      ))}
    </ul>
  );
}

interface BranchProps {
  tenant: string;
  node: UnitNode;
  editing: string | null;
  setEditing: (id: string | null) => void;
  onUpdated: (unit: Unit) => void;
}

function UnitBranch({ tenant, node, editing, setEditing, onUpdated }: BranchProps) {
  const { unit, children } = node;
  const isEditing = editing === unit.id;
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  // Return focus to the row's button when its editor closes, so keyboard users keep their place.
  useLayoutEffect(() => {
    if (wasEditing.current && !isEditing) editButton.current?.focus();
    wasEditing.current = isEditing;
  }, [isEditing]);

  return (
    <li>
      {isEditing ? (
        <RenameForm
          tenant={tenant}
          unit={unit}
          onDone={(updated) => {
            if (updated) onUpdated(updated);
            setEditing(null);
          }}
        />
      ) : (
        <div class="tree__item">
          <span class="tree__name">{unit.name}</span>
          <span class={unit.kind === "county" ? "tag tag--county" : "tag"}>
            {UNIT_KIND_LABELS[unit.kind]}
          </span>
          {unit.code && <span class="muted">代码 {unit.code}</span>}
          <button
            ref={editButton}
            type="button"
            class="button button--small"
            aria-label={`重命名 ${unit.name}`}
            onClick={() => setEditing(unit.id)}
          >
            重命名
          </button>
        </div>
      )}
      {children.length > 0 && (
        <ul>
          {children.map((child) => (
            <UnitBranch
              key={child.unit.id}
              node={child}
              tenant={tenant}
              editing={editing}
              setEditing={setEditing}
              onUpdated={onUpdated}
            />
          ))}
        </ul>
      )}
    </li>
  );
}

function RenameForm({
  tenant,
  unit,
  onDone,
}: {
  tenant: string;
  unit: Unit;
  onDone: (updated: Unit | null) => void;
}) {
  const [name, setName] = useState(unit.name);
  const [code, setCode] = useState(unit.code ?? "");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const nameInput = useRef<HTMLInputElement>(null);

  useEffect(() => nameInput.current?.select(), []);

  const save = async (event: Event) => {
    event.preventDefault();
    const body: { name?: string; code?: string } = {};
    if (name.trim() !== unit.name) body.name = name.trim();
    if (code.trim() !== (unit.code ?? "")) body.code = code.trim();
    if (Object.keys(body).length === 0) return onDone(null);
    setSaving(true);
    setError(null);
    try {
      onDone(await updateUnit(tenant, unit.id, body));
    } catch (err) {
      setError(err);
      setSaving(false);
    }
  };

  const errors = fieldErrors(error);
  return (
    <form
      noValidate
      class="form--inline tree__item"
      onSubmit={save}
      onKeyDown={(e) => e.key === "Escape" && onDone(null)}
      aria-label={`重命名 ${unit.name}`}
    >
      <div class="field">
        <label for="rename-name">新名称</label>
        <input
          ref={nameInput}
          id="rename-name"
          type="text"
          value={name}
          required
          maxLength={100}
          aria-invalid={errors.name ? true : undefined}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="rename-code">代码（选填）</label>
        <input
          id="rename-code"
          type="text"
          value={code}
          maxLength={32}
          aria-invalid={errors.code ? true : undefined}
          onInput={(e) => setCode(e.currentTarget.value)}
        />
      </div>
      <div class="actions">
        <button type="submit" class="button button--primary button--small" disabled={saving}>
          保存
        </button>
        <button type="button" class="button button--small" onClick={() => onDone(null)}>
          取消
        </button>
      </div>
      <ErrorAlert error={error} labels={{ name: "名称", code: "代码" }} />
    </form>
  );
}
