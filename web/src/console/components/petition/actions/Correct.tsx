import { useLayoutEffect, useRef, useState } from "preact/hooks";
import type { Me } from "../../../../../../schema/api/auth.ts";
import type { CorrectPetitionBody } from "../../../../../../schema/api/corrections.ts";
import type { Petition } from "../../../../../../schema/api/petitions.ts";
import type { CategoryEntry } from "../../../../../../schema/api/reference.ts";
import { correctPetition, getCategories } from "../../../../api/petitions.ts";
import { CategoryPicker } from "../../../../shared/ui/CategoryPicker.tsx";
import {
  MATERIAL_LABELS,
  MaterialFields,
  type MaterialForm,
  materialProblems,
} from "../../../../shared/ui/MaterialFields.tsx";
import { useAsync } from "../../../hooks.ts";
import { fieldErrors, SuccessStatus } from "../../ErrorAlert.tsx";
import { TextField } from "../../Field.tsx";
import { FormProblems } from "../../FormProblems.tsx";
import { ConflictDetails } from "../ConflictDetails.tsx";

const MATERIAL_KEYS = ["facts", "demands", "hardships", "history", "priorHandling"] as const;
const CORRECTORS: readonly string[] = ["clerk", "leader", "supervisor"];

const LABELS: Record<string, string> = {
  ...MATERIAL_LABELS,
  reason: "更正原因",
  petitionerName: "信访人姓名",
  categoryCode: "内容分类",
};

/**
 * Whom the API lets correct the record (domain/petitions/correct.ts): a clerk, leader or
 * supervisor of the county office, or of the unit that registered or holds the case.
 */
export function mayCorrect(me: Me, p: Petition): boolean {
  const involved =
    me.unit.kind === "county" ||
    me.unit.id === p.responsibleUnitId ||
    me.unit.id === p.registeringUnitId;
  return involved && me.staff.roles.some((r) => CORRECTORS.includes(r));
}

interface Props {
  tenant: string;
  petition: Petition;
  onUpdated: (petition: Petition) => void;
  onReload: () => void;
}

const materialOf = (p: Petition): MaterialForm => ({
  facts: p.material.facts ?? "",
  demands: p.material.demands ?? "",
  hardships: p.material.hardships ?? "",
  history: p.material.history ?? "",
  priorHandling: p.material.priorHandling ?? "",
});

/** 更正登记信息: puts right the material, the category or a misspelt name, with a reason. */
export function Correct(props: Props) {
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);

  useLayoutEffect(() => {
    if (wasOpen.current && !open) toggle.current?.focus();
    wasOpen.current = open;
  }, [open]);

  return (
    <section class="card" aria-labelledby="correct-title">
      <h2 id="correct-title">更正登记信息</h2>
      <p class="hint">登记的材料、内容分类或信访人姓名有误的，注明原因后更正；更正记入办理过程。</p>
      <SuccessStatus message={status} />
      {open ? (
        <CorrectForm
          {...props}
          onCancel={() => setOpen(false)}
          onDone={(updated, changed) => {
            props.onUpdated(updated);
            setStatus(`已更正${changed.map((k) => LABELS[k] ?? k).join("、")}。`);
            setOpen(false);
          }}
        />
      ) : (
        <p>
          <button
            ref={toggle}
            type="button"
            class="button"
            aria-expanded="false"
            onClick={() => {
              setStatus(null);
              setOpen(true);
            }}
          >
            更正登记信息
          </button>
        </p>
      )}
    </section>
  );
}

interface FormProps extends Props {
  onCancel: () => void;
  onDone: (petition: Petition, changed: string[]) => void;
}

function CorrectForm({ tenant, petition: p, onCancel, onDone, onReload }: FormProps) {
  const catalog = useAsync(() => getCategories(tenant), tenant);
  // A name is corrected only where it is shown whole: not anonymous, not masked for this reader.
  const nameShown = p.petitioner && !p.petitioner.masked ? p.petitioner.name : undefined;
  const [name, setName] = useState(nameShown ?? "");
  const [categoryCode, setCategoryCode] = useState(p.categoryCode);
  const [material, setMaterial] = useState(materialOf(p));
  const [reason, setReason] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useLayoutEffect(() => {
    formRef.current?.querySelector<HTMLElement>("input, textarea")?.focus();
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (saving) return;
    const body: CorrectPetitionBody = { version: p.version, reason: reason.trim() };
    const changed: string[] = [];
    const before = materialOf(p);
    for (const key of MATERIAL_KEYS) {
      const text = material[key].trim();
      if (text !== before[key].trim()) {
        body[key] = text;
        changed.push(key);
      }
    }
    if (categoryCode && categoryCode !== p.categoryCode) {
      body.categoryCode = categoryCode;
      changed.push("categoryCode");
    }
    if (nameShown !== undefined && name.trim() !== nameShown) {
      body.petitionerName = name.trim();
      changed.push("petitionerName");
    }
    const problems: Record<string, string> = materialProblems(material);
    if (nameShown !== undefined && !name.trim()) problems.petitionerName = "请填写信访人姓名";
    else if (name.trim().length > 40) problems.petitionerName = "姓名不能超过 40 个字";
    if (!categoryCode) problems.categoryCode = "请选择内容分类（小类）";
    if (!reason.trim()) problems.reason = "请填写更正原因";
    if (changed.length === 0 && Object.keys(problems).length === 0) {
      problems.reason = "没有需要更正的内容：请先修改要更正的项目";
    }
    setLocal(problems);
    const first = Object.keys(problems)[0];
    if (first) {
      const ids: Record<string, string> = {
        petitionerName: "correct-name",
        categoryCode: "correct-category",
        reason: "correct-reason",
      };
      document.getElementById(ids[first] ?? `correct-${first}`)?.focus();
      return;
    }
    setSaving(true);
    setError(null);
    try {
      onDone(await correctPetition(tenant, p.id, body), changed);
    } catch (err) {
      setError(err);
      setSaving(false);
    }
  };

  const errors = { ...fieldErrors(error), ...local };
  return (
    <form noValidate ref={formRef} class="form subform" aria-label="更正登记信息" onSubmit={submit}>
      {nameShown !== undefined && (
        <TextField
          id="correct-name"
          label="信访人姓名"
          required
          maxLength={40}
          value={name}
          onValue={setName}
          error={errors.petitionerName}
        />
      )}
      {catalog.data && (
        <CategoryPicker
          id="correct-category"
          label="内容分类"
          categories={catalog.data.categories as readonly CategoryEntry[]}
          value={categoryCode}
          onValue={setCategoryCode}
          required
          hint="更正分类不能改变本案是否保密（检举控告类）。"
          error={errors.categoryCode}
        />
      )}
      <MaterialFields idPrefix="correct" value={material} onValue={setMaterial} errors={errors} />
      <TextField
        id="correct-reason"
        label="更正原因"
        multiline
        required
        maxLength={500}
        value={reason}
        onValue={setReason}
        hint="如：登记时姓名录入错误，经核对身份证更正。"
        error={errors.reason}
      />
      <FormProblems error={error} local={local} labels={LABELS} />
      <ConflictDetails error={error} onReload={onReload} />
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={saving} aria-busy={saving}>
          确认更正
        </button>
        <button type="button" class="button" onClick={onCancel}>
          取消
        </button>
      </div>
    </form>
  );
}
