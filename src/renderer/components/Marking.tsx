import type { MarkingScheme } from '../../shared/contract';
import { levelColour, portionMark } from '../../shared/markings';
import { readableOnWhite, textOn } from './marking-colour';
import './components.css';

/** The overall marking as the PDF prints it, in the level's conventional colour. */
export function MarkingBadge({ scheme, level, text, size = 'normal' }: { scheme: MarkingScheme | undefined; level: string | null; text: string | null; size?: 'normal' | 'small' }) {
  if (text === null || level === null) {
    return (
      <span className={`marking-badge marking-unknown ${size}`} title="A level is not in the marking scheme">
        UNKNOWN LEVEL
      </span>
    );
  }
  const colour = scheme === undefined ? '#555' : levelColour(scheme, level);
  return (
    <span className={`marking-badge ${size}`} style={{ backgroundColor: colour, color: textOn(colour) }} title={`Overall marking: ${text}`}>
      {text}
    </span>
  );
}

/** `(S//NOFORN)`: the item's portion mark, or its raw code when the scheme lacks the level. */
export function PortionMark({ scheme, item }: { scheme: MarkingScheme | undefined; item: { id: string; classification: string; caveats?: readonly string[] } }) {
  let mark = `(${item.classification})`;
  let colour = '#666';
  let title: string | undefined;
  if (scheme !== undefined) {
    try {
      mark = portionMark(item, scheme);
      colour = readableOnWhite(levelColour(scheme, item.classification));
    } catch {
      mark = `(${item.classification}?)`;
      title = `Level “${item.classification}” is not in the marking scheme`;
    }
  }
  return (
    <span className="portion-mark" style={{ color: colour }} title={title ?? `Portion mark ${mark}`}>
      {mark}
    </span>
  );
}
