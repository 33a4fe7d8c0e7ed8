import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument } from 'pdf-lib';

/**
 * DejaVu Sans (regular and bold) from the `dejavu-fonts-ttf` package: free
 * (Bitstream Vera licence; DejaVu changes public domain), full Cyrillic,
 * and shipped inside the app as a production dependency, so a laptop prints
 * Ukrainian without relying on fonts installed on it. The version is pinned
 * exactly in package.json: the font's bytes end up in every rendition, and
 * a different font would make old signatures impossible to rebuild.
 */
type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
type Font = ReturnType<Fontkit['create']>;

export type FontFace = 'regular' | 'bold';

const files: Record<FontFace, string> = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
};

const loaded = new Map<FontFace, Uint8Array>();

export function fontBytes(face: FontFace): Uint8Array {
  let bytes = loaded.get(face);
  if (!bytes) {
    bytes = readFileSync(createRequire(import.meta.url).resolve(files[face]));
    loaded.set(face, bytes);
  }
  return bytes;
}

const parsed = new WeakMap<Uint8Array, Font>();

/**
 * fontkit caches one glyph object per glyph id, with the code points of
 * whichever call made it first; pdf-lib builds the ToUnicode map (what text
 * extraction and search read) from those code points. Cyrillic letters in
 * DejaVu are composites of Latin ones, and loading a composite makes its
 * components' glyph objects with no code points at all: after "Постачальник"
 * the Latin "o" of a later word would extract as nothing, and the bytes of a
 * rendition would depend on what was laid out before it. Making every
 * glyph object from the font's own character map first, in code-point
 * order, fixes each glyph's code points before any text is laid out.
 */
function withEveryGlyphMapped(font: Font): Font {
  for (const codePoint of [...font.characterSet].sort((a, b) => a - b)) font.glyphForCodePoint(codePoint);
  return font;
}

/**
 * pdf-lib lays text out with fontkit's full OpenType shaping, then uses
 * only the glyphs (it writes no positioning). For Ukrainian and English in
 * DejaVu, shaping adds nothing we want (it would make "ff" in a digest one
 * ligature glyph that copies out as U+FB00) and costs most of a render:
 * ~60% of a 500-invoice certificate. One glyph per code point, from the
 * character map, is what is printed instead; widths become plain sums.
 */
function withCharacterMapLayout(font: Font): Font {
  const layout = (text: string): ReturnType<Font['layout']> => {
    const glyphs = [];
    for (const character of text) glyphs.push(font.glyphForCodePoint(character.codePointAt(0) as number));
    return { glyphs } as unknown as ReturnType<Font['layout']>;
  };
  Object.defineProperty(font, 'layout', { value: layout });
  return font;
}

/**
 * pdf-lib parses a font from its bytes on every embedding; the two faces
 * are parsed (and their glyphs mapped, above: ~70 ms each) once per process
 * and shared by all documents. Each document still makes its own subset.
 */
export const cachingFontkit: Fontkit = {
  create(buffer, postscriptName) {
    let font = parsed.get(buffer);
    if (!font) {
      font = withCharacterMapLayout(withEveryGlyphMapped(fontkit.create(buffer, postscriptName)));
      parsed.set(buffer, font);
    }
    return font;
  },
};
