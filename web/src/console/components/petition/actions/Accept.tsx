import { useState } from "preact/hooks";
import { unitOptions } from "../../../units.ts";
import { SelectField, TextField } from "../../Field.tsx";
import { type FieldsProps, opt, useSubmit } from "./fields.ts";
import { NoteOnly } from "./NoteOnly.tsx";

/**
 * An accusation is accepted by the county office, which says (or corrects) which unit it
 * accuses: without one it cannot be routed, and no one of that unit may be put on it.
 */
export function Accept(props: FieldsProps) {
  if (!props.petition.confidential) return <NoteOnly {...props} label="受理意见" />;
  return <AcceptAccusation {...props} />;
}

function AcceptAccusation({ petition, units, submitRef, send, errors }: FieldsProps) {
  const [note, setNote] = useState("");
  const [subject, setSubject] = useState(petition.subjectUnitId ?? "");
  useSubmit(submitRef, () => {
    void send<"accept">({
      note: opt(note),
      ...(subject && subject !== petition.subjectUnitId && { subjectUnitId: subject }),
    });
  });
  return (
    <>
      <SelectField
        id="accept-subject"
        label="被检举控告单位"
        hint={
          petition.subjectText
            ? `信访人填写：${petition.subjectText}。确定后才能转送、交办或指定承办人。`
            : "确定后才能转送、交办或指定承办人。"
        }
        value={subject}
        onValue={setSubject}
        options={unitOptions(units).map((o) => ({ value: o.id, label: o.unit.name }))}
        placeholder="请选择"
        required
        error={errors.subjectUnitId}
      />
      <TextField
        id="accept-note"
        label="受理意见（选填）"
        multiline
        maxLength={2000}
        value={note}
        onValue={setNote}
        error={errors.note}
      />
    </>
  );
}
