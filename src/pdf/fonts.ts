/**
 * Fonts for the PDF engine: the bundled files, the character → glyph lookup with its fallback
 * chain, and the embedding of subsets as Type 0 / CIDFontType2 fonts. Just over ~400 lines:
 * the lookup cache and the subset writer share the per-font glyph tables and are kept together.
 *
 * Shaping is deliberately not used: pdf-lib's drawText shapes every call (docs/toolchain.md measured
 * ~110 µs a word), while the scripts a briefing book prints (Latin, Greek, Cyrillic, precomposed
 * Hangul, CJK ideographs, kana) read correctly glyph by glyph. Each code point is looked up once
 * per weight and cached with its advance, so measuring a word is a few map lookups. Kerning, what
 * shaping would add for these scripts, comes from each face's own tables (`kerning.ts`).
 */
import { create as createFontkitFont, type Font as FontkitFont } from 'fontkit';
import { Kerning, type KerningSource } from './kerning';
import { advances, charMap, gposKerning, postScriptName, sfntTables, type CharMap, type SfntTables } from './sfnt';
import { TtfSubset, ttfSubsettable } from './ttf-subset';
import { ref, type PdfFile } from './pdf-file';
import { num, pdfName } from './pdf-syntax';

/**
 * A font file's bytes, or a function that reads them when the engine first needs the font: the
 * fallbacks are 17 MB that a Latin and Hangul book never touches.
 */
export type FontBytes = Uint8Array | (() => Uint8Array);

/** The bytes of a font file given either way. */
export function fontBytes(source: FontBytes): Uint8Array {
  return typeof source === 'function' ? source() : source;
}

/** The font files the engine expects (read from resources/fonts by the caller). */
export interface FontFiles {
  regular: Uint8Array;
  bold: Uint8Array;
  /** tried in order for characters the primary font lacks; read on first need when given as functions */
  fallbacks: FontBytes[];
}

/** File names under resources/fonts, in the order FontFiles takes them. */
export const FONT_MANIFEST: { regular: string; bold: string; fallbacks: string[]; licences: { file: string; name: string }[] } = {
  regular: 'Pretendard-Regular.ttf',
  bold: 'Pretendard-Bold.ttf',
  fallbacks: ['NotoSansKR-Regular.ttf', 'NotoSansSC-Regular.ttf'],
  licences: [
    { file: 'Pretendard-OFL.txt', name: 'Pretendard 1.3.9, SIL Open Font License 1.1' },
    { file: 'NotoSansKR-OFL.txt', name: 'Noto Sans KR, SIL Open Font License 1.1' },
    { file: 'NotoSansSC-OFL.txt', name: 'Noto Sans SC, SIL Open Font License 1.1' },
  ],
};

/** A subset: TtfSubset, or fontkit 2's (which returns the new glyph id and encodes to bytes, whatever its d.ts says). */
interface FontSubset {
  includeGlyph(glyph: number): number;
  encode(): Uint8Array;
}

/** A byte inside a PDF literal string: delimiters, the escape and line ends escaped (ISO 32000 7.3.4.2). */
function literalByte(byte: number): string {
  switch (byte) {
    case 0x28:
      return '\\(';
    case 0x29:
      return '\\)';
    case 0x5c:
      return '\\\\';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    default:
      return String.fromCharCode(byte);
  }
}

/**
 * A font file read for measuring: fontkit's parse (subsets, names, metrics of the face) and
 * sfnt.ts's direct readers of the tables measuring asks most (character → glyph, advances,
 * kerning), with fontkit's own lookups where a table is in a form sfnt.ts does not read.
 */
interface ParsedFont {
  font: FontkitFont;
  glyphId: CharMap;
  advance: (gid: number) => number;
  /** the file's table directory, when sfnt.ts reads it */
  sfnt: SfntTables | undefined;
  kerning: Kerning | undefined;
  /** the PostScript name, read on first use (the subsets' font names) */
  postscript: string | undefined;
}

function readFont(font: FontkitFont, bytes: Uint8Array): ParsedFont {
  const sfnt = sfntTables(bytes);
  const direct = sfnt === undefined ? undefined : charMap(sfnt);
  const hmtx = sfnt === undefined ? undefined : advances(sfnt, font.numGlyphs);
  return {
    font,
    glyphId: direct ?? ((cp) => (font.hasGlyphForCodePoint(cp) ? font.glyphForCodePoint(cp).id : 0)),
    advance: hmtx ?? ((gid) => font.getGlyph(gid).advanceWidth),
    sfnt,
    kerning: undefined,
    postscript: undefined,
  };
}

/** The font's PostScript name: read straight from its name table, without fontkit decoding all of it, once per file. */
function postscriptOf(parsed: ParsedFont): string {
  parsed.postscript ??= (parsed.sfnt === undefined ? undefined : postScriptName(parsed.sfnt)) ?? parsed.font.postscriptName;
  return parsed.postscript;
}

/**
 * Fonts parsed once per file's bytes and kept while the caller keeps the bytes: the app's export
 * worker and a process that exports again (warm) skip fontkit's parsing and the kerning tables'
 * reading. Both are read-only after parsing; what one export adds (the subset, the codes) lives
 * in its own FontSet.
 */
const parsedFonts = new WeakMap<Uint8Array, ParsedFont>();

/** The font's kerning pairs, read from its tables on first use (GPOS read directly when it is there). */
function kerningOf(parsed: ParsedFont): Kerning {
  if (parsed.kerning === undefined) {
    const { font } = parsed;
    const gpos = parsed.sfnt === undefined ? undefined : gposKerning(parsed.sfnt);
    const source: KerningSource =
      gpos === undefined
        ? (font as unknown as KerningSource)
        : {
            numGlyphs: font.numGlyphs,
            GPOS: gpos,
            // the legacy table only for a font whose GPOS has no kern feature
            get kern() {
              return (font as unknown as KerningSource).kern;
            },
          };
    parsed.kerning = new Kerning(source);
  }
  return parsed.kerning;
}

/** One font file as the PDF sees it: its subset grows as glyphs are drawn. */
class Face {
  readonly resource: string;
  /** made on first use: a fallback a book never needs costs nothing beyond reading its header */
  private subsetState: FontSubset | undefined;
  private kerningState: Kerning | undefined;
  /** original glyph id → the glyph's code in the subset, as it goes into a content stream */
  private readonly codeByGid = new Map<number, string>();
  /** by subset glyph id */
  readonly widths: number[] = [];
  readonly unicode: (string | undefined)[] = [];
  private parsedState: ParsedFont | undefined;
  private unitsState = 0;
  constructor(
    private readonly load: () => ParsedFont,
    index: number,
  ) {
    this.resource = `F${index}`;
  }

  /** The file, read and parsed on first use (a fallback no character needs is never read). */
  private get parsed(): ParsedFont {
    if (this.parsedState === undefined) {
      this.parsedState = this.load();
      this.unitsState = this.parsedState.font.unitsPerEm;
    }
    return this.parsedState;
  }

  get font(): FontkitFont {
    return this.parsed.font;
  }

  get unitsPerEm(): number {
    return this.unitsState === 0 ? this.parsed.font.unitsPerEm : this.unitsState;
  }

  /** `/F0 10 Tf` by size: the font selector written once per size, not at every line. */
  private readonly selectors = new Map<number, string>();

  selector(size: number): string {
    let selector = this.selectors.get(size);
    if (selector === undefined) {
      selector = `/${this.resource} ${num(size)} Tf`;
      this.selectors.set(size, selector);
    }
    return selector;
  }

  /** The glyph the font maps a character to; 0 when it has none. */
  glyphId(codePoint: number): number {
    return this.parsed.glyphId(codePoint);
  }

  /** A glyph's advance in font units. */
  advanceUnits(gid: number): number {
    return this.parsed.advance(gid);
  }

  private get subset(): FontSubset {
    if (this.subsetState === undefined) {
      const { sfnt } = this.parsed;
      // TrueType outlines copied straight from the file (ttf-subset.ts); fontkit's subset for any other font
      this.subsetState = sfnt !== undefined && ttfSubsettable(sfnt) ? new TtfSubset(sfnt) : (this.font.createSubset() as unknown as FontSubset);
      this.widths[0] = this.advanceOf(0);
    }
    return this.subsetState;
  }

  /** The font's kerning pairs, read from its tables on first use. */
  get kerning(): Kerning {
    this.kerningState ??= kerningOf(this.parsed);
    return this.kerningState;
  }

  get used(): boolean {
    return this.codeByGid.size > 0;
  }

  advanceOf(gid: number): number {
    return Math.round((this.advanceUnits(gid) * 1000) / this.unitsPerEm);
  }

  /**
   * The glyph's two-byte code in this face's subset (Identity-H) as it goes inside a literal
   * string `( )` of a content stream, including the glyph on first use. Each char is one byte
   * (0-255): the content is written as Latin-1, half the size of hex strings.
   */
  code(gid: number, codePoint: number, missing: boolean): string {
    let code = this.codeByGid.get(gid);
    if (code === undefined) {
      const subset = this.subset;
      const newGid = gid === 0 ? 0 : subset.includeGlyph(gid);
      this.widths[newGid] = this.advanceOf(gid);
      // what a reader copying the text gets: the character, or U+FFFD for a missing one
      if (this.unicode[newGid] === undefined) this.unicode[newGid] = missing ? '\ufffd' : String.fromCodePoint(codePoint);
      code = literalByte(newGid >> 8) + literalByte(newGid & 0xff);
      this.codeByGid.set(gid, code);
    }
    return code;
  }

  /** Writes the subset font objects and returns the Type 0 font's object number. */
  embed(file: PdfFile): number {
    const bytes = this.subset.encode();
    const count = this.widths.length;
    const postscript = postscriptOf(this.parsed);
    const name = pdfName(`${subsetTag(postscript, this.widths)}+${postscript.replace(/[^A-Za-z0-9-]/g, '')}`);
    const scale = 1000 / this.unitsPerEm;
    const fontFile = file.stream(bytes, `/Length1 ${bytes.length}`);
    const bbox = this.font.bbox;
    const fontBox = [bbox.minX, bbox.minY, bbox.maxX, bbox.maxY].map((v) => Math.round(v * scale)).join(' ');
    const descriptor = file.object(
      `<</Type /FontDescriptor /FontName ${name} /Flags 4 /FontBBox [${fontBox}] /ItalicAngle 0 /Ascent ${Math.round(this.font.ascent * scale)} ` +
        `/Descent ${Math.round(this.font.descent * scale)} /CapHeight ${Math.round((this.font.capHeight || this.font.ascent) * scale)} /StemV 80 /FontFile2 ${ref(fontFile)}>>`,
    );
    const widths: number[] = [];
    for (let i = 0; i < count; i += 1) widths.push(this.widths[i] ?? 0);
    const cidFont = file.object(
      `<</Type /Font /Subtype /CIDFontType2 /BaseFont ${name} /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> ` +
        `/FontDescriptor ${ref(descriptor)} /W [0 [${widths.join(' ')}]] /CIDToGIDMap /Identity>>`,
    );
    const toUnicode = file.stream(new TextEncoder().encode(toUnicodeCMap(this.unicode)));
    return file.object(`<</Type /Font /Subtype /Type0 /BaseFont ${name} /Encoding /Identity-H /DescendantFonts [${ref(cidFont)}] /ToUnicode ${ref(toUnicode)}>>`);
  }
}

/** Six capital letters derived from the glyph set: stable for the same subset (ISO 32000 9.6.4). */
function subsetTag(fontName: string, widths: readonly number[]): string {
  let hash = 0x811c9dc5;
  const mix = (value: number) => {
    hash ^= value & 0xff;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  };
  for (const ch of fontName) mix(ch.charCodeAt(0));
  for (const w of widths) {
    mix(w);
    mix(w >> 8);
  }
  mix(widths.length);
  mix(widths.length >> 8);
  let tag = '';
  for (let i = 0; i < 6; i += 1) {
    tag += String.fromCharCode(65 + (hash % 26));
    hash = Math.floor(hash / 26) + Math.imul(hash, 7) % 97;
  }
  return tag;
}

function utf16Hex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) out += text.charCodeAt(i).toString(16).padStart(4, '0');
  return out;
}

function toUnicodeCMap(unicode: readonly (string | undefined)[]): string {
  const entries: string[] = [];
  for (let gid = 0; gid < unicode.length; gid += 1) {
    const text = unicode[gid];
    if (text !== undefined) entries.push(`<${gid.toString(16).padStart(4, '0')}> <${utf16Hex(text)}>`);
  }
  const chunks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    chunks.push(`${chunk.length} beginbfchar\n${chunk.join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <ffff>',
    'endcodespacerange',
    ...chunks,
    'endcmap',
    'CMapName currentdict /CMapResource defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/** How one character prints: which face, which glyph, how wide at 1 pt. */
export interface GlyphInfo {
  face: number;
  gid: number;
  /** advance at a size of 1 pt */
  advance: number;
  /** bold text in a font without a bold file: drawn with a thin stroke */
  syntheticBold: boolean;
  /** no bundled font has the character: .notdef is drawn and the character is reported */
  missing: boolean;
  /** zero-width format characters (ZWSP, ZWJ, soft hyphen, variation selectors): not drawn */
  invisible: boolean;
  codePoint: number;
  /** the glyph starts at least one kerning pair of its face (see FontSet.kern) */
  kerns?: boolean;
  /** the glyph's code in its face's subset, once drawn (see Face.code) */
  code?: string;
}

/** Characters with no printed form that must not be reported as missing. */
function isInvisible(cp: number): boolean {
  return (
    cp < 0x20 ||
    (cp >= 0x7f && cp < 0xa0) ||
    cp === 0xad ||
    cp === 0x34f ||
    cp === 0x61c ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    cp === 0xfeff ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}

/** Where a character was met, for the missing-glyph report. */
export interface TextContext {
  itemId?: string;
  sectionId?: string;
  where: string;
}

export interface MissingGlyph {
  char: string;
  codePoint: number;
  context: TextContext;
}

export class FontSet {
  readonly faces: Face[];
  /** per weight: code points of the Basic Multilingual Plane by index, the rest in a map */
  // filled to full length up front: an empty array given index 0xAC00 (Hangul) would turn into a
  // slow dictionary of elements
  private readonly planeZero: [(GlyphInfo | undefined)[], (GlyphInfo | undefined)[]] = [
    new Array<GlyphInfo | undefined>(0x10000).fill(undefined),
    new Array<GlyphInfo | undefined>(0x10000).fill(undefined),
  ];
  private readonly astral: [Map<number, GlyphInfo>, Map<number, GlyphInfo>] = [new Map(), new Map()];
  /** faces[0] regular, faces[1] bold, faces[2..] fallbacks */
  private readonly chain: [number[], number[]];
  context: TextContext = { where: 'the book' };
  readonly missing: MissingGlyph[] = [];
  private readonly missingSeen = new Set<string>();

  constructor(files: FontFiles) {
    const load = (bytes: Uint8Array, label: string): ParsedFont => {
      const parsed = parsedFonts.get(bytes);
      if (parsed !== undefined) return parsed;
      let font: unknown;
      try {
        font = createFontkitFont(bytes as unknown as Parameters<typeof createFontkitFont>[0]);
      } catch (error) {
        throw new Error(`the ${label} font could not be read: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (font === null || typeof font !== 'object' || !('createSubset' in font) || !('unitsPerEm' in font)) {
        throw new Error(`the ${label} font is not a single TrueType/OpenType font`);
      }
      const read = readFont(font as FontkitFont, bytes);
      parsedFonts.set(bytes, read);
      return read;
    };
    const regular = load(files.regular, 'regular');
    const bold = load(files.bold, 'bold');
    this.faces = [
      new Face(() => regular, 0),
      new Face(() => bold, 1),
      ...files.fallbacks.map((source, i) => new Face(() => load(fontBytes(source), `fallback ${i + 1}`), i + 2)),
    ];
    const fallbacks = files.fallbacks.map((_, i) => i + 2);
    this.chain = [[0, ...fallbacks], [1, ...fallbacks]];
  }

  /** Looks a code point up in the weight's chain: primary first, then each fallback. */
  glyph(cp: number, bold: boolean): GlyphInfo {
    const weight = bold ? 1 : 0;
    let info = cp < 0x10000 ? this.planeZero[weight][cp] : this.astral[weight].get(cp);
    if (info === undefined) {
      info = this.resolve(cp, bold);
      if (cp < 0x10000) this.planeZero[weight][cp] = info;
      else this.astral[weight].set(cp, info);
    }
    if (info.missing) this.noteMissing(cp);
    return info;
  }

  private resolve(cp: number, bold: boolean): GlyphInfo {
    const primary = bold ? 1 : 0;
    if (isInvisible(cp)) {
      return { face: primary, gid: 0, advance: 0, syntheticBold: false, missing: false, invisible: true, codePoint: cp };
    }
    // no-break and other fixed spaces print as the space glyph when a font lacks them
    const lookups = cp === 0xa0 || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x202f || cp === 0x2028 || cp === 0x2029 ? [cp, 0x20] : [cp];
    for (const code of lookups) {
      for (const index of this.chain[bold ? 1 : 0]) {
        const face = this.faces[index];
        const gid = face.glyphId(code);
        if (gid !== 0) {
          return {
            face: index,
            gid,
            advance: face.advanceUnits(gid) / face.unitsPerEm,
            syntheticBold: bold && index !== primary,
            missing: false,
            invisible: false,
            codePoint: cp,
            kerns: face.kerning.startsPair(gid),
          };
        }
      }
    }
    return {
      face: primary,
      gid: 0,
      advance: this.faces[primary].advanceUnits(0) / this.faces[primary].unitsPerEm,
      syntheticBold: false,
      missing: true,
      invisible: false,
      codePoint: cp,
    };
  }

  /**
   * The kerning between two glyphs set one after the other, as a change of the first one's
   * advance at a size of 1 pt (negative: closer). Only glyphs of the same face kern.
   */
  kern(left: GlyphInfo, right: GlyphInfo): number {
    if (left.kerns !== true || left.face !== right.face || left.missing || right.missing || right.invisible) return 0;
    const face = this.faces[left.face];
    return face.kerning.adjust(left.gid, right.gid) / face.unitsPerEm;
  }

  /** Records a character no font has, with where it was met (deduplicated). */
  noteMissing(cp: number): void {
    const key = `${cp}|${this.context.itemId ?? ''}|${this.context.sectionId ?? ''}|${this.context.where}`;
    if (this.missingSeen.has(key)) return;
    this.missingSeen.add(key);
    this.missing.push({ char: String.fromCodePoint(cp), codePoint: cp, context: { ...this.context } });
  }

  /** The content-stream code of a glyph, computed once per glyph and weight. */
  codeOf(glyph: GlyphInfo): string {
    glyph.code ??= this.faces[glyph.face].code(glyph.gid, glyph.codePoint, glyph.missing);
    return glyph.code;
  }

  /** Width of a string at 1 pt in one weight. */
  measure(text: string, bold: boolean): number {
    let width = 0;
    for (let i = 0; i < text.length; i += 1) {
      let cp = text.charCodeAt(i);
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
          i += 1;
        }
      }
      width += this.glyph(cp, bold).advance;
    }
    return width;
  }

  /** Embeds every face that printed a glyph; returns the Font resource dictionary's syntax. */
  embed(file: PdfFile): string {
    const entries: string[] = [];
    for (const face of this.faces) {
      if (face.used) entries.push(`${pdfName(face.resource)} ${ref(face.embed(file))}`);
    }
    return `<<${entries.join(' ')}>>`;
  }
}

