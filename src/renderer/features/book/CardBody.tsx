import type { ItemRow, MarkingScheme } from '../../../shared/contract';
import { KindLabel, StatusLabel } from '../../components/Kind';
import { PortionMark } from '../../components/Marking';

/**
 * What a card shows of its item, the same in the one-section view and the whole book: portion
 * mark and title (a button that opens the item), kind, status and the first words.
 */
export function CardBody({ item, scheme, onOpen, titleTabStop = true }: { item: ItemRow; scheme: MarkingScheme | undefined; onOpen: () => void; titleTabStop?: boolean }) {
  return (
    <div className="card-main">
      <div className="card-line">
        <PortionMark scheme={scheme} item={item} />
        <button type="button" className="card-title link-plain" tabIndex={titleTabStop ? undefined : -1} onClick={onOpen} title={item.title}>
          {item.title}
        </button>
      </div>
      <div className="card-meta">
        <KindLabel kind={item.kind} />
        <StatusLabel state={item.clearanceState} />
        {item.excerpt !== '' && (
          <span className="card-excerpt" title={item.excerpt}>
            {item.excerpt}
          </span>
        )}
      </div>
    </div>
  );
}
