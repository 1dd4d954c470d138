import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { CategoryEntry } from "../../../../schema/api/reference.ts";

export interface CategoryChoice {
  code: string;
  name: string;
  parentName: string | null;
  entry: CategoryEntry;
}

/**
 * The entries a petition can be filed under: every 小类, and any entry without children
 * (a county's own top-level category, for example). Listed in catalogue order.
 */
export function categoryChoices(categories: readonly CategoryEntry[]): CategoryChoice[] {
  const byCode = new Map(categories.map((c) => [c.code, c]));
  const parents = new Set(categories.flatMap((c) => (c.parentCode ? [c.parentCode] : [])));
  return categories
    .filter((c) => c.parentCode || !parents.has(c.code))
    .map((c) => ({
      code: c.code,
      name: c.name,
      parentName: c.parentCode ? (byCode.get(c.parentCode)?.name ?? null) : null,
      entry: c,
    }));
}

export function choiceLabel(choice: CategoryChoice): string {
  return choice.parentName ? `${choice.parentName} › ${choice.name}` : choice.name;
}

/** Matches the 小类 name, its 大类 name or the code; every word typed must match. */
function matches(choice: CategoryChoice, query: string): boolean {
  const words = query
    .toLowerCase()
    .split(/[\s›>/]+/)
    .filter(Boolean);
  const hay = `${choice.parentName ?? ""} ${choice.name} ${choice.code}`.toLowerCase();
  return words.every((w) => hay.includes(w) || choice.code.startsWith(w));
}

interface Props {
  id: string;
  label: string;
  categories: readonly CategoryEntry[];
  value: string;
  onValue: (code: string) => void;
  required?: boolean;
  error?: string | undefined;
  hint?: string;
}

/**
 * A searchable combobox over the two-level taxonomy (ARIA 1.2 combobox with a listbox):
 * type part of a name or a code, arrows move, Enter or Tab takes the highlighted entry,
 * Escape closes the list. Enter never submits the surrounding form while the list is open.
 */
export function CategoryPicker(props: Props) {
  const { id, label, categories, value, onValue, required, error, hint } = props;
  const choices = useMemo(() => categoryChoices(categories), [categories]);
  const selected = choices.find((c) => c.code === value);
  const [text, setText] = useState(selected ? choiceLabel(selected) : "");
  const [typed, setTyped] = useState(false);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);

  // Keep the input in step when the value changes from outside (a reset, the catalogue loading).
  useEffect(() => {
    if (!typed) setText(selected ? choiceLabel(selected) : "");
  }, [selected, typed]);

  const filtered = useMemo(
    () => (typed && text.trim() ? choices.filter((c) => matches(c, text.trim())) : choices),
    [choices, typed, text],
  );
  const activeIndex = Math.min(active, Math.max(filtered.length - 1, 0));
  const activeChoice = open ? filtered[activeIndex] : undefined;
  const listId = `${id}-list`;
  const optionId = (code: string) => `${id}-opt-${code.replace(/[^\w-]/g, "_")}`;

  useEffect(() => {
    if (!activeChoice) return;
    document.getElementById(optionId(activeChoice.code))?.scrollIntoView({ block: "nearest" });
  });

  const choose = (choice: CategoryChoice) => {
    onValue(choice.code);
    setText(choiceLabel(choice));
    setTyped(false);
    setOpen(false);
  };

  const cancel = () => {
    setText(selected ? choiceLabel(selected) : "");
    setTyped(false);
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!open) {
          setOpen(true);
          const at = selected ? filtered.indexOf(selected) : 0;
          setActive(Math.max(at, 0));
        } else setActive(Math.min(activeIndex + 1, filtered.length - 1));
        break;
      case "ArrowUp":
        event.preventDefault();
        if (open) setActive(Math.max(activeIndex - 1, 0));
        break;
      case "Home":
      case "End":
        if (open) {
          event.preventDefault();
          setActive(event.key === "Home" ? 0 : filtered.length - 1);
        }
        break;
      case "Enter":
        if (open) {
          // Taking an entry must not also submit (or advance) the form.
          event.preventDefault();
          event.stopPropagation();
          if (activeChoice) choose(activeChoice);
        }
        break;
      case "Tab":
        if (open && typed && activeChoice) choose(activeChoice);
        else if (open) cancel();
        break;
      case "Escape":
        if (open) {
          event.preventDefault();
          cancel();
        }
        break;
    }
  };

  const describedBy =
    [hint ? `${id}-hint` : "", error ? `${id}-error` : "", selected ? `${id}-chosen` : ""]
      .filter(Boolean)
      .join(" ") || undefined;

  let lastParent: string | null = null;
  return (
    <div class="field combo">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="text"
        role="combobox"
        autocomplete="off"
        spellcheck={false}
        value={text}
        required={required}
        placeholder="输入名称或代码筛选，如：社会保险、06.01"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeChoice ? optionId(activeChoice.code) : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onInput={(e) => {
          setText(e.currentTarget.value);
          setTyped(true);
          setOpen(true);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        onClick={() => setOpen(true)}
        onBlur={() => {
          if (open) cancel();
        }}
      />
      <div
        id={listId}
        ref={listRef}
        role="listbox"
        aria-label={`${label}选项`}
        class="combo__list"
        hidden={!open}
        // Keep focus in the input so a click on an option is not lost to the blur.
        onMouseDown={(e) => e.preventDefault()}
      >
        {open && filtered.length === 0 && (
          <div class="combo__empty" role="presentation">
            没有匹配的分类
          </div>
        )}
        {open &&
          filtered.flatMap((choice, i) => {
            const rows = [];
            if (choice.parentName && choice.parentName !== lastParent) {
              rows.push(
                <div key={`g-${choice.parentName}`} role="presentation" class="combo__group">
                  {choice.parentName}
                </div>,
              );
            }
            lastParent = choice.parentName;
            rows.push(
              // Keys are handled on the input (aria-activedescendant); options take clicks only.
              // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input owns the keyboard.
              <div
                key={choice.code}
                id={optionId(choice.code)}
                role="option"
                tabIndex={-1}
                class="combo__option"
                aria-selected={i === activeIndex}
                data-code={choice.code}
                onClick={() => choose(choice)}
                onMouseMove={() => i !== activeIndex && setActive(i)}
              >
                <span>{choice.name}</span>
                <span class="combo__meta">
                  {choice.parentName ? `${choice.parentName} · ` : ""}
                  {choice.code}
                  {choice.entry.local ? " · 本县" : ""}
                </span>
              </div>,
            );
            return rows;
          })}
      </div>
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      {selected && (
        <p id={`${id}-chosen`} class="hint">
          已选：{choiceLabel(selected)}（{selected.code}）
        </p>
      )}
      {error && (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
