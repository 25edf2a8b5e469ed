import { useState } from 'react';
import './components.css';
import { LIMITS } from '../../shared/domain';

/** Tags: type and press Enter (or comma) to add; Backspace on an empty field removes the last. Caveats, which may hold commas, use CaveatInput. */
export function ChipInput({ label, values, onChange, placeholder, suggestions, id }: { label: string; values: string[]; onChange: (values: string[]) => void; placeholder?: string; suggestions?: string[]; id?: string }) {
  const [text, setText] = useState('');
  const listId = suggestions !== undefined ? `${id ?? label}-suggestions` : undefined;
  const add = (raw: string) => {
    const value = raw.trim();
    if (value !== '' && !values.includes(value)) onChange([...values, value]);
    setText('');
  };
  return (
    <div className="chip-input">
      {values.map((value) => (
        <span className="chip" key={value}>
          {value}
          <button type="button" aria-label={`Remove ${label.toLowerCase()} ${value}`} title="Remove" onClick={() => onChange(values.filter((v) => v !== value))}>
            ×
          </button>
        </span>
      ))}
      <input
        id={id}
        aria-label={`Add ${label.toLowerCase()}`}
        value={text}
        placeholder={values.length === 0 ? placeholder : undefined}
        list={listId}
        maxLength={LIMITS.short}
        onChange={(e) => {
          const v = e.target.value;
          if (v.endsWith(',')) add(v.slice(0, -1));
          else setText(v);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            add(text);
          } else if (e.key === 'Backspace' && text === '' && values.length > 0) {
            onChange(values.slice(0, -1));
          }
        }}
        onBlur={() => add(text)}
      />
      {listId !== undefined && (
        <datalist id={listId}>
          {suggestions?.slice(0, 200).map((s) => <option key={s} value={s} />)}
        </datalist>
      )}
    </div>
  );
}
