/** Sections of a book: add, rename, delete, and the items they hold (add, move, remove). */
import { ApiError } from '../../../src/shared/contract';
import type { BookReader } from './book-detail';
import type { ExchangeItem } from '../../../src/shared/domain';
import { ID_PREFIX, newId, slug, type ServiceContext, type ServicePart } from './context';

type SectionsPart = ServicePart<'sections.add' | 'sections.rename' | 'sections.delete' | 'sections.addItems' | 'sections.createItems' | 'sections.moveItem' | 'sections.removeItem' | 'sections.requestPaper'>;

export function sectionsPart(ctx: ServiceContext, reader: BookReader): SectionsPart {
  const { books, items, logs, markings, now, write, requireSection, touchBook } = ctx;
  const { bookDetail } = reader;

  return {
    'sections.add': ({ bookId, title, index }) => {
      ctx.requireBook(bookId);
      let sectionId = `s-${slug(title)}`;
      if (books.section(bookId, sectionId) !== null) sectionId = newId(sectionId);
      write(() => {
        books.insertSection(bookId, sectionId, title, index ?? Number.MAX_SAFE_INTEGER);
        touchBook(bookId, `add section "${title}"`);
      });
      return bookDetail(bookId);
    },

    'sections.rename': ({ bookId, sectionId, title }) => {
      requireSection(bookId, sectionId);
      write(() => {
        books.renameSection(bookId, sectionId, title);
        touchBook(bookId, `rename section ${sectionId} to "${title}"`);
      });
      return bookDetail(bookId);
    },

    'sections.delete': ({ bookId, sectionId }) => {
      const section = requireSection(bookId, sectionId);
      write(() => {
        books.deleteSection(bookId, sectionId);
        touchBook(bookId, `delete section "${section.title}"`);
      });
      return bookDetail(bookId);
    },

    'sections.addItems': ({ bookId, sectionId, itemIds, index }) => {
      requireSection(bookId, sectionId);
      for (const itemId of itemIds) {
        const item = ctx.requireItem(itemId);
        if (item.deleted) throw new ApiError('deleted', `"${item.title}" is deleted; restore it before adding it to a book.`);
      }
      write(() => {
        const current = books.sectionItemIds(bookId, sectionId);
        const fresh = [...new Set(itemIds)].filter((id) => !current.includes(id));
        current.splice(Math.min(index ?? current.length, current.length), 0, ...fresh);
        books.setSectionItems(bookId, sectionId, current);
        touchBook(bookId, `add ${fresh.length} item(s) to ${sectionId}`);
      });
      return bookDetail(bookId);
    },

    'sections.createItems': ({ bookId, sectionId, classification, items: drafts }) => {
      requireSection(bookId, sectionId);
      const itemIds = drafts.map((draft) => newId(ID_PREFIX[draft.kind]));
      ctx.checkLevel(markings.get(), classification, itemIds[0]);
      write(() => {
        const at = now();
        drafts.forEach((draft, n) => {
          items.write({ id: itemIds[n], kind: draft.kind, title: draft.title, body: draft.body, classification, status: 'draft' }, { version: 1, now: at });
          logs.audit(at, 'create', 'item', itemIds[n], `version 1: ${draft.title}`);
        });
        books.setSectionItems(bookId, sectionId, [...books.sectionItemIds(bookId, sectionId), ...itemIds]);
        touchBook(bookId, `add ${itemIds.length} new item(s) to ${sectionId}`);
      });
      return { detail: bookDetail(bookId), itemIds };
    },

    'sections.moveItem': ({ bookId, itemId, fromSectionId, toSectionId, index }) => {
      requireSection(bookId, fromSectionId);
      requireSection(bookId, toSectionId);
      write(() => {
        const from = books.sectionItemIds(bookId, fromSectionId);
        const at = from.indexOf(itemId);
        if (at < 0) throw new ApiError('not_found', `Section "${fromSectionId}" does not contain item "${itemId}".`);
        from.splice(at, 1);
        if (fromSectionId === toSectionId) {
          from.splice(Math.min(index, from.length), 0, itemId);
          books.setSectionItems(bookId, fromSectionId, from);
        } else {
          const to = books.sectionItemIds(bookId, toSectionId);
          if (to.includes(itemId)) throw new ApiError('exists', `Section "${toSectionId}" already contains that item.`);
          to.splice(Math.min(index, to.length), 0, itemId);
          books.setSectionItems(bookId, fromSectionId, from);
          books.setSectionItems(bookId, toSectionId, to);
        }
        touchBook(bookId, `move ${itemId} to ${toSectionId}[${index}]`);
      });
      return bookDetail(bookId);
    },

    'sections.removeItem': ({ bookId, sectionId, itemId }) => {
      requireSection(bookId, sectionId);
      write(() => {
        const current = books.sectionItemIds(bookId, sectionId);
        if (!current.includes(itemId)) throw new ApiError('not_found', `Section "${sectionId}" does not contain item "${itemId}".`);
        books.setSectionItems(bookId, sectionId, current.filter((id) => id !== itemId));
        touchBook(bookId, `remove ${itemId} from ${sectionId}`);
      });
      return bookDetail(bookId);
    },

    'sections.requestPaper': ({ bookId, sectionId, title, kind, owner, due }) => {
      const section = requireSection(bookId, sectionId);
      // the office sets the level when it writes the paper; an empty placeholder is at the lowest
      const classification = ctx.markings.get().levels[0].code;
      const itemId = newId(ID_PREFIX[kind]);
      const placeholder: ExchangeItem = { id: itemId, kind, title, body: '', classification, status: 'draft', owner, ...(due === undefined ? {} : { due }) };
      write(() => {
        const at = ctx.now();
        ctx.items.write(placeholder, { version: 1, now: at, createdAt: at });
        ctx.logs.audit(at, 'create', 'item', itemId, `version 1: ${title} (requested of ${owner}${due === undefined ? '' : `, due ${due}`})`);
        books.setSectionItems(bookId, sectionId, [...books.sectionItemIds(bookId, sectionId), itemId]);
        touchBook(bookId, `request ${itemId} of ${owner} in ${section.id}`);
      });
      return { itemId, book: bookDetail(bookId) };
    },
  } satisfies SectionsPart;
}
