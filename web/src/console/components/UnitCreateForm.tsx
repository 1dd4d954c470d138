import { useState } from "preact/hooks";
import type {
  CreateUnitBody as CreateUnitRequest,
  Unit,
  UnitKind,
} from "../../../../schema/api/units.ts";
import { createUnit } from "../../api/console.ts";
import { UNIT_KIND_LABELS, UNIT_KINDS } from "../../shared/labels.ts";
import { parentKindsFor, unitOptions } from "../units.ts";
import { ErrorAlert, fieldErrors } from "./ErrorAlert.tsx";
import { SelectField, TextField } from "./Field.tsx";

const LABELS = { name: "名称", kind: "类型", parentId: "上级单位", code: "代码" };

interface Props {
  tenant: string;
  units: readonly Unit[];
  onCreated: (unit: Unit) => void;
}

export function UnitCreateForm({ tenant, units, onCreated }: Props) {
  const hasCounty = units.some((u) => u.kind === "county");
  // The county office is the single root; once it exists only lower levels can be added.
  const kinds = UNIT_KINDS.filter((k) => (hasCounty ? k !== "county" : k === "county"));
  const [name, setName] = useState("");
  const [kind, setKind] = useState<UnitKind>(kinds[0] ?? "township");
  const [parentId, setParentId] = useState("");
  const [code, setCode] = useState("");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const effectiveKind = kinds.includes(kind) ? kind : (kinds[0] ?? "township");
  const parentKinds = parentKindsFor(effectiveKind);
  const parents = unitOptions(units).filter((o) => parentKinds.includes(o.unit.kind));
  // Default to the only sensible parent (the county office for townships and bureaus).
  const chosenParent = parents.some((p) => p.id === parentId)
    ? parentId
    : parents.length === 1
      ? (parents[0]?.id ?? "")
      : "";

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    const body: CreateUnitRequest = { name: name.trim(), kind: effectiveKind };
    if (chosenParent) body.parentId = chosenParent;
    if (code.trim()) body.code = code.trim();
    try {
      const unit = await createUnit(tenant, body);
      setName("");
      setCode("");
      onCreated(unit);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  const errors = fieldErrors(error);
  const needsParent = parentKinds.length > 0;
  return (
    <form noValidate class="form" onSubmit={submit}>
      <div class="form-grid">
        <TextField
          id="unit-name"
          label="名称"
          value={name}
          onValue={setName}
          required
          maxLength={100}
          error={errors.name}
        />
        <SelectField
          id="unit-kind"
          label="类型"
          value={effectiveKind}
          onValue={(v) => setKind(v as UnitKind)}
          options={kinds.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))}
          required
          error={errors.kind}
        />
        <SelectField
          id="unit-parent"
          label="上级单位"
          value={chosenParent}
          onValue={setParentId}
          options={parents.map((p) => ({ value: p.id, label: p.label }))}
          placeholder={needsParent ? "请选择" : "无（县信访局为最上级）"}
          required={needsParent}
          disabled={!needsParent}
          hint={
            effectiveKind === "village"
              ? "村（社区）隶属于乡镇/街道。"
              : needsParent
                ? "乡镇/街道和县直部门隶属于县信访局。"
                : undefined
          }
          error={errors.parentId}
        />
        <TextField
          id="unit-code"
          label="代码（选填）"
          value={code}
          onValue={setCode}
          maxLength={32}
          hint="如行政区划代码或部门编码。"
          error={errors.code}
        />
      </div>
      <ErrorAlert error={error} labels={LABELS} />
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={saving}>
          添加单位
        </button>
      </div>
    </form>
  );
}
