/** The library feature as the rest of the renderer sees it: the item table and editor, filters, item creation. */
export { ItemEditor } from './ItemEditor';
export { LibraryView } from './LibraryView';
export { prefetchLibraryTable } from './LibraryTable';
export { NO_FILTER, type LibraryFilter } from './filters';
export { createItem } from './item-commands';
export { diffLines, diffWords, type Segment } from './diff';
