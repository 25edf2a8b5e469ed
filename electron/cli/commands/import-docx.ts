/**
 * `briefbook import paper.docx --book ID --section TITLE [--kind K] [--classification CODE]
 * [--dry-run]`: a Word paper into a section of a book, one item per heading (electron/cli/docx-items.ts).
 * The items are listed first; then all of them are written in one all-or-nothing import, or,
 * with --dry-run, none. A bad paper is refused in one line and nothing is imported.
 */
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { ApiError, type BookDetail } from '../../../src/shared/contract';
import { ITEM_KINDS, KIND_LABELS, type ItemKind } from '../../../src/shared/domain';
import { plainText } from '../../../src/shared/briefbook-text';
import { naturalKind } from '../../../src/shared/section-kind';
import { shorten } from '../../../src/shared/exchange-scan';
import { EXIT_OK, InputError, UsageError, type CliIo } from '../command';
import { DocxError, readDocxItems } from '../docx-items';
import { withLibrary } from '../library';

export const DOCX_IMPORT_HELP = `       briefbook import PAPER.docx --book ID --section TITLE [--kind K] [--classification CODE] [--dry-run] [--db PATH]

A Word paper (.docx) goes into a section of a book: each heading becomes an item (its title),
the text under it the body, with lists, bold and italic kept. The items are listed first.
  --book ID              the book
  --section TITLE        the section, by its title
  --kind K               the items' kind (default: the section's usual kind); one of
                         ${ITEM_KINDS.join(', ')}
  --classification CODE  the items' level (default: the book's overall level)
  --dry-run              list the items, import nothing`;

/** Ids as the store makes them: the kind's prefix and random hex. */
function newItemId(kind: ItemKind): string {
  const prefix: Record<ItemKind, string> = { objective: 'obj', talking_point: 'tp', ask: 'ask', red_line: 'rl', if_raised: 'ifr', press_line: 'press', their_objective: 'their', background: 'bg', bio: 'bio', reference: 'ref', scenario: 'scen' };
  return `${prefix[kind]}-${randomBytes(5).toString('hex')}`;
}

function asInput(error: unknown): never {
  if (error instanceof ApiError) throw new InputError(error.message);
  throw error;
}

export async function importDocx(file: string, values: Record<string, string>, dryRun: boolean, io: CliIo): Promise<number> {
  const bookId = values.book;
  const sectionTitle = values.section;
  if (bookId === undefined) throw new UsageError('importing a .docx needs --book ID');
  if (sectionTitle === undefined) throw new UsageError('importing a .docx needs --section TITLE');
  const kindFlag = values.kind;
  if (kindFlag !== undefined && !(ITEM_KINDS as readonly string[]).includes(kindFlag)) throw new UsageError(`--kind "${shorten(kindFlag)}" is not a kind (kinds: ${ITEM_KINDS.join(', ')})`);
  let papers;
  try {
    papers = await readDocxItems(file, { kind: kindFlag as ItemKind | undefined });
  } catch (error) {
    if (error instanceof DocxError) throw new InputError(`${error.message} Nothing was imported.`);
    throw error;
  }
  const { db } = values;
  return withLibrary(
    db === undefined ? {} : { db },
    io,
    ({ service, path }) => {
      let detail: BookDetail;
      try {
        detail = service['books.get']({ id: bookId });
      } catch (error) {
        return asInput(error);
      }
      const section = detail.sections.find((s) => s.title === sectionTitle) ?? detail.sections.find((s) => s.title.toLowerCase() === sectionTitle.toLowerCase());
      if (section === undefined) {
        throw new InputError(`book "${bookId}" has no section "${shorten(sectionTitle)}" (sections: ${detail.sections.map((s) => `"${s.title}"`).join(', ')}). Nothing was imported.`);
      }
      const classification = values.classification ?? detail.overallLevel;
      if (classification === null) throw new InputError(`book "${bookId}" has no items yet, so no level to give the paper's items: say --classification CODE. Nothing was imported.`);
      const levels = service['library.info']({}).markings.levels.map((l) => l.code);
      if (!levels.includes(classification)) throw new InputError(`--classification "${shorten(classification)}" is not a level of the library's scheme (levels: ${levels.join(', ')}). Nothing was imported.`);
      const fallback = naturalKind(section);
      const items = papers.map((paper) => {
        const kind = paper.kind ?? fallback;
        return { id: newItemId(kind), kind, title: paper.title, body: paper.body, classification, status: 'draft' as const };
      });
      io.out(`${basename(file)} → ${detail.book.title} › ${section.title}: ${items.length} ${items.length === 1 ? 'item' : 'items'} (${classification})`);
      items.forEach((item, n) => io.out(`  ${n + 1}. [${KIND_LABELS[item.kind]}] ${item.title} (${plainText(item.body).length} characters)`));
      if (dryRun) {
        io.out('dry run: nothing was imported');
        return EXIT_OK;
      }
      // one exchange import: the items and the section that names them, all or nothing
      const exchange = JSON.parse(service['library.export']({ bookId }).text) as {
        items: unknown[];
        books: { id: string; rev?: string; history?: string[]; sections: { id: string; items: string[] }[] }[];
      };
      exchange.items.push(...items);
      const book = exchange.books.find((b) => b.id === bookId);
      // this library's own change to the book: it carries no rev, so the import takes it as it is
      if (book !== undefined) {
        delete book.rev;
        delete book.history;
      }
      const target = book?.sections.find((s) => s.id === section.id);
      if (target === undefined) throw new InputError(`section "${section.id}" of book "${bookId}" could not be read back. Nothing was imported.`);
      target.items.push(...items.map((item) => item.id));
      try {
        service['library.import']({ text: JSON.stringify(exchange), fileName: basename(file) });
      } catch (error) {
        return asInput(error);
      }
      io.out(`imported ${items.length} ${items.length === 1 ? 'item' : 'items'} into ${basename(path)}`);
      return EXIT_OK;
    },
    dryRun ? { readOnly: true } : {},
  );
}
