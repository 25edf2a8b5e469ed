/** Where things go on an A4 page of the book (points from the bottom left). */
import { A4 } from '../page';

export const MARGIN_LEFT = 64;
export const MARGIN_RIGHT = 56;
export const BODY_TOP = A4.height - 74;
export const BODY_BOTTOM = 64;
/** the full text width: cover, contents, the at-a-glance page (the body uses styles.MEASURE) */
export const CONTENT_WIDTH = A4.width - MARGIN_LEFT - MARGIN_RIGHT;

/** A numbered copy of a distribution: "Copy N of M", for its recipient. */
export interface Copy {
  number: number;
  of: number;
  recipient: string;
}
