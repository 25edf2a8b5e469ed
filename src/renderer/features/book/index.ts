/** The book feature as the rest of the renderer sees it: the book view, its inspector, the new-book dialog. */
export { BookInspector } from './BookInspector';
export { BookView } from './BookView';
export { NewBookDialog } from './NewBookDialog';
export { addItems } from './book-commands';
