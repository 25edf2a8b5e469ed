import { useId, useState } from 'react';
import { COUNTRY_CODES } from '../../shared/countries';
import './components.css';
import { LIMITS } from '../../shared/domain';

const MAX_SHOWN = 12;

/** Countries whose code starts with the query first, then those whose name contains it. */
export function matchCountries(query: string, exclude: readonly string[]): { code: string; name: string }[] {
  const q = query.trim();
  if (q === '') return [];
  const upper = q.toUpperCase();
  const lower = q.toLowerCase();
  const open = COUNTRY_CODES.filter((c) => !exclude.includes(c.code));
  const byCode = open.filter((c) => c.code.startsWith(upper));
  const byName = open.filter((c) => !c.code.startsWith(upper) && c.name.toLowerCase().includes(lower));
  return [...byCode, ...byName].slice(0, MAX_SHOWN);
}

/**
 * A searchable list of trigraphs (and tetragraphs such as NATO): type a code or part of a
 * name, arrow keys to move, Enter to pick. A combobox, so a screen reader hears each option.
 */
export function CountryPicker({ label, exclude, onPick, disabled = false }: { label: string; exclude: readonly string[]; onPick: (code: string) => void; disabled?: boolean }) {
  const uid = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const matches = matchCountries(query, exclude);
  const open = matches.length > 0;
  const pick = (code: string) => {
    onPick(code);
    setQuery('');
    setActive(0);
  };
  return (
    <div className="country-picker">
      <input
        type="text"
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={`${uid}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open ? `${uid}-opt-${Math.min(active, matches.length - 1)}` : undefined}
        value={query}
        disabled={disabled}
        maxLength={LIMITS.short}
        placeholder="Country code or name"
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && open) {
            e.preventDefault();
            setActive((a) => Math.min(matches.length - 1, a + 1));
          } else if (e.key === 'ArrowUp' && open) {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            if (open) pick(matches[Math.min(active, matches.length - 1)].code);
          } else if (e.key === 'Escape' && query !== '') {
            e.preventDefault();
            e.stopPropagation();
            setQuery('');
          }
        }}
      />
      <ul className="country-options" role="listbox" id={`${uid}-list`} aria-label={`${label}: matches`} hidden={!open}>
        {matches.map((c, i) => (
          <li
            key={c.code}
            id={`${uid}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(c.code)}
          >
            <strong>{c.code}</strong> {c.name}
          </li>
        ))}
      </ul>
      {query.trim() !== '' && !open && <small className="muted">No country matches “{query.trim()}”.</small>}
    </div>
  );
}
