/** linebreak 1.1.0 (UAX #14) ships no types. */
declare module 'linebreak' {
  export interface Break {
    /** UTF-16 offset of the break opportunity: the text before it fits on one line */
    position: number;
    /** a mandatory break (line feed, paragraph separator...) */
    required: boolean;
  }
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
}
