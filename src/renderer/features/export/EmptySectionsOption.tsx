import type { SectionDetail } from '../../../shared/contract';
import { plural } from '../../lib/format';

/**
 * The export dialog's choice to print sections that have no items (`includeEmptySections`,
 * docs/ux.md "First run"): off by default, as the PDF leaves them out. It names the empty
 * sections, so the choice is made knowing what it adds.
 */
export function EmptySectionsOption({ sections, checked, onChange }: { sections: readonly SectionDetail[] | undefined; checked: boolean; onChange: (checked: boolean) => void }) {
  const empty = (sections ?? []).filter((s) => s.items.length === 0);
  const names = empty.map((s) => `“${s.title}”`).join(', ');
  return (
    <label className="check" title={empty.length > 0 ? names : undefined}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      Print sections that have no items{' '}
      <span className="muted">{empty.length === 0 ? '(this book has none)' : `(${plural(empty.length, 'empty section')}: ${names})`}</span>
    </label>
  );
}
