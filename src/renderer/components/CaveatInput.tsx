import { useId, useState } from 'react';
import { LIMITS, type MarkingScheme } from '../../shared/domain';
import { countryCaveatProblem, isKnownCaveat, normaliseCaveat, orderCaveats, parseCountryCaveat, schemeCaveats, schemeOwner } from '../../shared/markings';
import { CountryPicker } from './CountryPicker';
import './components.css';

/** The country caveat (`REL TO`) in `values` with this code, and its countries, owner first. */
function countryCaveat(values: readonly string[], code: string, scheme: MarkingScheme): { value: string; countries: string[] } | null {
  for (const value of values) {
    const parsed = parseCountryCaveat(value, scheme);
    if (parsed !== null && parsed.code === code) return { value, countries: parsed.countries };
  }
  return null;
}

function withCountries(code: string, countries: readonly string[], scheme: MarkingScheme): string {
  return normaliseCaveat(`${code} ${countries.join(', ')}`, scheme);
}

/**
 * An item's caveats, as the scheme knows them (docs/spec/EXCHANGE.md, "Markings"): the
 * scheme's caveats are toggled by name, a country caveat (REL TO) takes its countries from a
 * picker, anything else is typed and kept but flagged as not in the scheme. A caveat is one
 * string: `REL TO USA, KOR` is never split at its commas. Chips show in banner order.
 */
export function CaveatInput({ values, onChange, scheme, readOnly = false, labelledBy }: { values: string[]; onChange: (values: string[]) => void; scheme: MarkingScheme; readOnly?: boolean; labelledBy?: string }) {
  const uid = useId();
  const [text, setText] = useState('');
  const [notice, setNotice] = useState('');
  /** why the typed caveat was not added (a malformed country list), shown until the text changes */
  const [refusal, setRefusal] = useState<string | null>(null);
  const listed = schemeCaveats(scheme);
  const owner = schemeOwner(scheme);
  const shown = orderCaveats(values, scheme);
  const unknown = shown.filter((c) => !isKnownCaveat(c, scheme));

  const commit = (next: string[]) => onChange(orderCaveats([...new Set(next)], scheme));

  /**
   * Adds one caveat; a country caveat already present gains the new countries instead. False
   * when it was refused (a country list the store would refuse), so the typed text stays.
   */
  const add = (raw: string): boolean => {
    const trimmed = raw.trim();
    if (trimmed === '') return true;
    const caveat = normaliseCaveat(trimmed, scheme);
    const problem = countryCaveatProblem(caveat, scheme);
    if (problem !== null) {
      setRefusal(`Not added: ${problem}.`);
      return false;
    }
    setRefusal(null);
    const parsed = parseCountryCaveat(caveat, scheme);
    if (parsed !== null) {
      const existing = countryCaveat(values, parsed.code, scheme);
      if (existing !== null) {
        const merged = withCountries(parsed.code, [...existing.countries, ...parsed.countries.filter((c) => !existing.countries.includes(c))], scheme);
        commit(values.map((v) => (v === existing.value ? merged : v)));
        setNotice(`${parsed.code} now reads “${merged}”.`);
        return true;
      }
    }
    if (values.includes(caveat)) {
      setNotice(`“${caveat}” is already on this item.`);
      return true;
    }
    commit([...values, caveat]);
    setNotice(isKnownCaveat(caveat, scheme) ? `Added “${caveat}”.` : `Added “${caveat}”, which is not in the scheme: it prints after the scheme's caveats and the export check warns about it.`);
    return true;
  };

  const remove = (value: string) => {
    commit(values.filter((v) => v !== value));
    setNotice(`Removed “${value}”.`);
  };

  const toggle = (code: string, countries: boolean) => {
    if (countries) {
      const existing = countryCaveat(values, code, scheme);
      if (existing !== null) remove(existing.value);
      else {
        const caveat = withCountries(code, [owner], scheme);
        commit([...values, caveat]);
        setNotice(`Added “${caveat}”. Add the countries it may be released to below.`);
      }
      return;
    }
    if (values.includes(code)) remove(code);
    else add(code);
  };

  return (
    <div className="caveat-input" role="group" aria-labelledby={labelledBy}>
      {shown.length > 0 && (
        <ul className="caveat-chips" aria-label="Caveats on this item, in banner order">
          {shown.map((value) => {
            const known = isKnownCaveat(value, scheme);
            return (
              <li key={value} className={`chip ${known ? '' : 'unknown'}`} title={known ? undefined : `“${value}” is not in the “${scheme.scheme}” scheme`}>
                {value}
                {!known && <span className="chip-flag">not in the scheme</span>}
                <button type="button" aria-label={`Remove caveat ${value}`} title="Remove" disabled={readOnly} onClick={() => remove(value)}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {listed.length === 0 && <small className="muted">The “{scheme.scheme}” scheme lists no caveats: one typed below is kept, flagged as not in the scheme.</small>}
      <div className="caveat-picks" role="group" aria-label="The scheme's caveats" hidden={listed.length === 0}>
        {listed.map((c) => {
          const present = c.countries === true ? countryCaveat(values, c.code, scheme) !== null : values.includes(c.code);
          return (
            <button key={c.code} type="button" className="toggle-chip" aria-pressed={present} disabled={readOnly} title={c.countries === true ? `${c.code} with a list of countries` : undefined} onClick={() => toggle(c.code, c.countries === true)}>
              {c.code}
              {c.countries === true && '…'}
            </button>
          );
        })}
      </div>
      {listed
        .filter((c) => c.countries === true)
        .map((c) => {
          const existing = countryCaveat(values, c.code, scheme);
          if (existing === null) return null;
          return (
            <div key={c.code} className="caveat-countries" role="group" aria-label={`${c.code} countries`}>
              <span className="caveat-countries-label">{c.code}</span>
              {existing.countries.map((country) =>
                country === owner ? (
                  <span key={country} className="chip owner" title={`${owner} is the owner country: always first`}>
                    {country}
                  </span>
                ) : (
                  <span key={country} className="chip">
                    {country}
                    <button
                      type="button"
                      aria-label={`Remove ${country} from ${c.code}`}
                      title="Remove"
                      disabled={readOnly}
                      onClick={() => {
                        const rest = existing.countries.filter((x) => x !== country);
                        // a country caveat with no country left is no caveat at all
                        if (rest.length === 0) {
                          remove(existing.value);
                          return;
                        }
                        const next = withCountries(c.code, rest, scheme);
                        commit(values.map((v) => (v === existing.value ? next : v)));
                        setNotice(`${c.code} now reads “${next}”.`);
                      }}
                    >
                      ×
                    </button>
                  </span>
                ),
              )}
              <CountryPicker label={`Add a country to ${c.code}`} exclude={existing.countries} disabled={readOnly} onPick={(country) => add(`${c.code} ${country}`)} />
              {existing.countries.every((x) => x === owner) && <small className="muted">No country besides {owner} yet: the overall marking will read NOFORN.</small>}
            </div>
          );
        })}
      <input
        id={`${uid}-other`}
        className="caveat-other"
        aria-label="Add caveat"
        aria-describedby={`${uid}-hint`}
        value={text}
        readOnly={readOnly}
        placeholder="Type a caveat, e.g. REL TO USA, KOR — Enter to add"
        maxLength={LIMITS.short}
        aria-invalid={refusal !== null}
        onChange={(e) => {
          setText(e.target.value);
          setRefusal(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (add(text)) setText('');
          } else if (e.key === 'Backspace' && text === '' && shown.length > 0 && !readOnly) {
            remove(shown[shown.length - 1]);
          }
        }}
        onBlur={() => {
          if (text.trim() !== '' && !readOnly && add(text)) setText('');
        }}
      />
      <small id={`${uid}-hint`} className="muted">
        Enter adds what you typed as one caveat; commas stay inside it.
      </small>
      {refusal !== null && (
        <p className="caveat-refusal" role="alert">
          {refusal}
        </p>
      )}
      {unknown.length > 0 && (
        <p className="caveat-warning" role="note">
          Not in the scheme: {unknown.map((u) => `“${u}”`).join(' · ')}. Kept as typed, printed after the scheme's caveats; the export check lists it.
        </p>
      )}
      <span className="visually-hidden" role="status" aria-live="polite">
        {notice}
      </span>
    </div>
  );
}
