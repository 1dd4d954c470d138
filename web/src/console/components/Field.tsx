import type { ComponentChildren } from "preact";

interface BaseProps {
  id: string;
  label: string;
  hint?: string | undefined;
  /** Message from the server's validation details for this field. */
  error?: string | undefined;
  required?: boolean;
  /**
   * Announce the error and `ok` messages as they change (inline checks while typing);
   * server errors after a submit are announced by the form's alert instead.
   */
  live?: boolean;
  /** A confirmation shown while the value passes an inline check. */
  ok?: string | undefined;
}

function describedBy(id: string, hint?: string, error?: string, ok?: string): string | undefined {
  const ids = [
    hint ? `${id}-hint` : "",
    error ? `${id}-error` : "",
    ok && !error ? `${id}-ok` : "",
  ].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

function FieldFrame({
  id,
  label,
  hint,
  error,
  live,
  ok,
  children,
}: BaseProps & { children: ComponentChildren }) {
  const messages = (
    <>
      {error && (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      )}
      {ok && !error && (
        <p id={`${id}-ok`} class="field-ok">
          <span aria-hidden="true">✓ </span>
          {ok}
        </p>
      )}
    </>
  );
  return (
    <div class="field">
      {/* Optional fields say "（选填）" in their label; required ones carry no marker so that
          the label text is exactly the field's name. */}
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      {live ? <div aria-live="polite">{messages}</div> : messages}
    </div>
  );
}

type InputType = "text" | "password" | "email" | "tel" | "url" | "date" | "time" | "number";

// Preact's input typings pair each `type` with the roles it allows, so a union-typed `type`
// prop does not check; a union of literal objects does.
function typeAttr(type: InputType) {
  switch (type) {
    case "password":
      return { type: "password" } as const;
    case "email":
      return { type: "email" } as const;
    case "tel":
      return { type: "tel" } as const;
    case "url":
      return { type: "url" } as const;
    case "date":
      return { type: "date" } as const;
    case "time":
      return { type: "time" } as const;
    case "number":
      return { type: "number" } as const;
    case "text":
      return { type: "text" } as const;
  }
}

interface TextFieldProps extends BaseProps {
  value: string;
  onValue: (value: string) => void;
  type?: InputType | undefined;
  autoComplete?: string;
  inputMode?: "text" | "numeric" | "tel" | "email" | "url";
  maxLength?: number;
  multiline?: boolean;
  /** Visible lines of a multiline field. */
  rows?: number;
  placeholder?: string;
  min?: string | number;
  max?: string | number;
  onBlur?: () => void;
}

export function TextField(props: TextFieldProps) {
  const { id, hint, error, required, value, onValue, ok } = props;
  const common = {
    id,
    name: id,
    value,
    required,
    maxLength: props.maxLength,
    placeholder: props.placeholder,
    onBlur: props.onBlur,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(id, hint, error, ok),
  };
  return (
    <FieldFrame {...props}>
      {props.multiline ? (
        <textarea
          {...common}
          rows={props.rows ?? 3}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      ) : (
        <input
          {...common}
          {...typeAttr(props.type ?? "text")}
          autocomplete={props.autoComplete ?? "off"}
          inputMode={props.inputMode}
          min={props.min}
          max={props.max}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      )}
    </FieldFrame>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

interface SelectFieldProps extends BaseProps {
  value: string;
  onValue: (value: string) => void;
  options: readonly SelectOption[];
  /** Shown as an empty first choice, so nothing is picked by accident. */
  placeholder?: string;
  disabled?: boolean;
}

export function SelectField(props: SelectFieldProps) {
  const { id, hint, error, required, value, onValue, options, placeholder } = props;
  return (
    <FieldFrame {...props}>
      <select
        id={id}
        name={id}
        value={value}
        required={required}
        disabled={props.disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onValue(e.currentTarget.value)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
