/**
 * Text drawn as filled glyph outlines instead of as text: it prints and shows like any text, but
 * it is not text, so copying, `pdftotext` and a reader's search never return it. The working
 * copy's DRAFT band and the watermark are drawn so (issue 16: the flag is never inside copied
 * text). Outlines come from fontkit's `glyph.path`, in the same font chain as the text.
 */
import type { FontSet } from '../fonts';
import { num } from '../pdf-syntax';

export interface OutlinedText {
  /** path operators at 1 pt per unit, the text starting at (0, 0) on its baseline; not yet filled */
  path: string;
  /** advance width in points */
  width: number;
}

/** The outlines of `text` at `size` pt, bold or regular, as PDF path operators (m, l, c, h). */
export function outlinedText(fonts: FontSet, text: string, size: number, bold: boolean): OutlinedText {
  const out: string[] = [];
  let pen = 0;
  for (const char of text.normalize('NFC')) {
    const cp = char.codePointAt(0) ?? 0x20;
    const info = fonts.glyph(cp, bold);
    if (info.invisible) continue;
    const face = fonts.faces[info.face];
    const scale = size / face.unitsPerEm;
    const X = (x: number) => num(pen + x * scale);
    const Y = (y: number) => num(y * scale);
    let cx = 0;
    let cy = 0;
    for (const { command, args } of face.font.getGlyph(info.gid).path.commands) {
      if (command === 'moveTo') {
        out.push(`${X(args[0])} ${Y(args[1])} m`);
        [cx, cy] = [args[0], args[1]];
      } else if (command === 'lineTo') {
        out.push(`${X(args[0])} ${Y(args[1])} l`);
        [cx, cy] = [args[0], args[1]];
      } else if (command === 'quadraticCurveTo') {
        // a quadratic as the cubic with control points 2/3 of the way to the quadratic's
        const [qx, qy, x, y] = args;
        const c1x = cx + ((qx - cx) * 2) / 3;
        const c1y = cy + ((qy - cy) * 2) / 3;
        const c2x = x + ((qx - x) * 2) / 3;
        const c2y = y + ((qy - y) * 2) / 3;
        out.push(`${X(c1x)} ${Y(c1y)} ${X(c2x)} ${Y(c2y)} ${X(x)} ${Y(y)} c`);
        [cx, cy] = [x, y];
      } else if (command === 'bezierCurveTo') {
        out.push(`${X(args[0])} ${Y(args[1])} ${X(args[2])} ${Y(args[3])} ${X(args[4])} ${Y(args[5])} c`);
        [cx, cy] = [args[4], args[5]];
      } else if (command === 'closePath') {
        out.push('h');
      }
    }
    pen += info.advance * size;
  }
  return { path: out.join(' '), width: pen };
}
