export interface RadioOption<T extends string> {
  value: T;
  label: string;
}

interface Props<T extends string> {
  /** Also the prefix of each radio's id: `${name}-${value}`. */
  name: string;
  legend: string;
  options: readonly RadioOption<T>[];
  value: T | "";
  onValue: (value: T) => void;
  required?: boolean;
  hint?: string;
  error?: string | undefined;
}

/**
 * One tab stop for the whole group; arrow keys move between choices (native radios), which
 * is what makes channel and purpose quick to enter from the keyboard.
 */
export function RadioGroup<T extends string>(props: Props<T>) {
  const { name, legend, options, value, onValue, required, hint, error } = props;
  const describedBy =
    [hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ") ||
    undefined;
  return (
    <fieldset class="field" aria-describedby={describedBy}>
      <legend>{legend}</legend>
      <div class="checks" role="presentation">
        {options.map((option) => {
          const id = `${name}-${option.value}`;
          return (
            <label key={option.value} class="check" for={id}>
              <input
                id={id}
                type="radio"
                name={name}
                value={option.value}
                checked={value === option.value}
                required={required}
                aria-invalid={error ? true : undefined}
                onChange={() => onValue(option.value)}
              />
              {option.label}
            </label>
          );
        })}
      </div>
      {hint && (
        <p id={`${name}-hint`} class="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${name}-error`} class="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
