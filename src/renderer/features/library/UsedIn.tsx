import { useQuery } from '@tanstack/react-query';
import { ErrorState } from '../../components/EmptyState';
import { apiQuery, errorMessage } from '../../lib/api';

/** The books and sections that include an item, each book a link. */
export function UsedIn({ itemId, onOpenBook }: { itemId: string; onOpenBook: (bookId: string) => void }) {
  const usage = useQuery(apiQuery('items.usedIn', { id: itemId }));
  if (usage.isError) return <ErrorState message={errorMessage(usage.error)} />;
  if (!usage.isSuccess) return <div className="loading">Loading…</div>;
  if (usage.data.length === 0) return <p className="muted">Not used in any book yet. Open a book and use “Add items” to include it.</p>;
  return (
    <ul className="used-in">
      {usage.data.map((u) => (
        <li key={`${u.bookId}/${u.sectionId}`}>
          <button type="button" className="link" onClick={() => onOpenBook(u.bookId)}>
            {u.bookTitle}
          </button>{' '}
          <span className="muted">› {u.sectionTitle}</span>
        </li>
      ))}
    </ul>
  );
}
