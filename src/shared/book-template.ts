/**
 * The usual sections of a summit book, in order: the template a new book picks from (all
 * optional; docs/ux.md, "Book"). One list, read by the store (a new book with no list given)
 * and by the New book dialog.
 */
export const STANDARD_SECTIONS: readonly string[] = [
  'Program',
  'Objectives',
  'Talking points',
  'Our asks',
  'Red lines',
  'Their objectives',
  'If raised',
  'Press line',
  'Background',
  'Participants',
];
