import { LIMITS, type MarkingCaveat, type MarkingLevel } from '../../../shared/domain';
import { moveRow, removeCaveat, renameCaveat, row, type Row } from './scheme-draft';

function RowActions({ what, index, count, readOnly, onMove, onRemove }: { what: string; index: number; count: number; readOnly: boolean; onMove: (delta: number) => void; onRemove: () => void }) {
  return (
    <td className="row-actions">
      <button type="button" aria-label={`Move ${what} up`} title="Move up" disabled={readOnly || index === 0} onClick={() => onMove(-1)}>
        ↑
      </button>
      <button type="button" aria-label={`Move ${what} down`} title="Move down" disabled={readOnly || index === count - 1} onClick={() => onMove(1)}>
        ↓
      </button>
      <button type="button" className="danger" aria-label={`Remove ${what}`} title="Remove" disabled={readOnly} onClick={onRemove}>
        ×
      </button>
    </td>
  );
}

/** The scheme's levels, lowest first: code, banner, portion form; add, remove, reorder. */
export function LevelRows({ rows, readOnly, onChange }: { rows: Row<MarkingLevel>[]; readOnly: boolean; onChange: (rows: Row<MarkingLevel>[]) => void }) {
  const set = (index: number, field: keyof MarkingLevel, value: string) => onChange(rows.map((r, i) => (i === index ? { ...r, value: { ...r.value, [field]: value } } : r)));
  return (
    <>
      <table className="scheme-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Code</th>
            <th scope="col">Banner</th>
            <th scope="col">Portion</th>
            <th scope="col">
              <span className="visually-hidden">Order</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, index) => {
            const what = `level ${index + 1}`;
            return (
              <tr key={r.key}>
                <td className="n">{index + 1}</td>
                <td>
                  <input aria-label={`Level ${index + 1} code`} value={r.value.code} readOnly={readOnly} maxLength={LIMITS.short} onChange={(e) => set(index, 'code', e.target.value)} />
                </td>
                <td>
                  <input aria-label={`Level ${index + 1} banner`} value={r.value.banner} readOnly={readOnly} maxLength={LIMITS.short} onChange={(e) => set(index, 'banner', e.target.value)} />
                </td>
                <td>
                  <input aria-label={`Level ${index + 1} portion`} value={r.value.portion} readOnly={readOnly} maxLength={LIMITS.short} onChange={(e) => set(index, 'portion', e.target.value)} />
                </td>
                <RowActions what={what} index={index} count={rows.length} readOnly={readOnly} onMove={(delta) => onChange(moveRow(rows, index, delta))} onRemove={() => onChange(rows.filter((_, i) => i !== index))} />
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" disabled={readOnly || rows.length >= LIMITS.levels} onClick={() => onChange([...rows, row({ code: '', banner: '', portion: '' })])}>
        Add a level
      </button>
    </>
  );
}

/** The scheme's caveats in banner order: code, portion form, countries, what each supersedes. */
export function CaveatRows({ rows, readOnly, onChange }: { rows: Row<MarkingCaveat>[]; readOnly: boolean; onChange: (rows: Row<MarkingCaveat>[]) => void }) {
  const patch = (index: number, value: Partial<MarkingCaveat>) => onChange(rows.map((r, i) => (i === index ? { ...r, value: { ...r.value, ...value } } : r)));
  const name = (r: Row<MarkingCaveat>, index: number) => (r.value.code.trim() === '' ? `caveat ${index + 1}` : r.value.code.trim());
  return (
    <>
      <table className="scheme-table caveats">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Code</th>
            <th scope="col">Portion</th>
            <th scope="col">Countries</th>
            <th scope="col">Supersedes</th>
            <th scope="col">
              <span className="visually-hidden">Order</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, index) => {
            const others = rows.filter((o, i) => i !== index && o.value.code.trim() !== '');
            const supersedes = r.value.supersedes ?? [];
            return (
              <tr key={r.key}>
                <td className="n">{index + 1}</td>
                <td>
                  <input aria-label={`Caveat ${index + 1} code`} value={r.value.code} readOnly={readOnly} maxLength={LIMITS.caveatCode} onChange={(e) => onChange(renameCaveat(rows, index, e.target.value))} />
                </td>
                <td>
                  <input aria-label={`Caveat ${index + 1} portion`} value={r.value.portion ?? ''} readOnly={readOnly} maxLength={LIMITS.caveatPortion} placeholder={r.value.code} onChange={(e) => patch(index, { portion: e.target.value })} />
                </td>
                <td className="centre">
                  <input type="checkbox" aria-label={`${name(r, index)} carries a country list`} checked={r.value.countries === true} disabled={readOnly} onChange={(e) => patch(index, { countries: e.target.checked })} />
                </td>
                <td>
                  {others.length === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    <div className="supersedes" role="group" aria-label={`What ${name(r, index)} supersedes`}>
                      {others.map((o) => {
                        const code = o.value.code;
                        return (
                          <label key={o.key} className="check small">
                            <input
                              type="checkbox"
                              checked={supersedes.includes(code)}
                              disabled={readOnly}
                              onChange={(e) => patch(index, { supersedes: e.target.checked ? [...supersedes, code] : supersedes.filter((s) => s !== code) })}
                            />
                            {code.trim()}
                          </label>
                        );
                      })}
                    </div>
                  )}
                </td>
                <RowActions what={name(r, index)} index={index} count={rows.length} readOnly={readOnly} onMove={(delta) => onChange(moveRow(rows, index, delta))} onRemove={() => onChange(removeCaveat(rows, index))} />
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" disabled={readOnly || rows.length >= LIMITS.caveats} onClick={() => onChange([...rows, row({ code: '' })])}>
        Add a caveat
      </button>
    </>
  );
}
