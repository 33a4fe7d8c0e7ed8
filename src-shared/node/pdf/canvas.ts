import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';

/**
 * A4 pages filled from the top down: a cursor, page breaks, wrapped text.
 * Nothing here knows about documents; document.ts lays them out with it.
 */

export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGIN = { left: 42, right: 42, top: 48, bottom: 52 } as const;
export const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

export const GREY = rgb(0.45, 0.45, 0.45);
export const LIGHT = rgb(0.92, 0.92, 0.92);
export const BLACK = rgb(0, 0, 0);

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

export interface TextStyle {
  size: number;
  bold?: boolean;
}

/** Control characters draw as nothing useful and newlines would break the content stream's text operators. */
export function printable(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ');
}

export class Canvas {
  readonly pages: PDFPage[] = [];
  /** The baseline-free top of the free space on the current page. */
  y = 0;
  /** Called after each page break, before anything else is drawn there (a table redraws its header). */
  onPageBreak: (() => void) | null = null;

  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: Fonts,
  ) {
    this.addPage();
  }

  get page(): PDFPage {
    const page = this.pages[this.pages.length - 1];
    if (!page) throw new Error('the canvas has no page');
    return page;
  }

  font(style: TextStyle): PDFFont {
    return style.bold ? this.fonts.bold : this.fonts.regular;
  }

  width(text: string, style: TextStyle): number {
    return this.font(style).widthOfTextAtSize(text, style.size);
  }

  lineHeight(style: TextStyle): number {
    return style.size * 1.3;
  }

  private addPage(): void {
    this.pages.push(this.doc.addPage([A4.width, A4.height]));
    this.y = A4.height - MARGIN.top;
  }

  /** Makes room for `height` points, breaking the page when they do not fit (a block taller than a page just starts a new one). */
  reserve(height: number): void {
    if (this.y - height >= MARGIN.bottom) return;
    if (this.y === A4.height - MARGIN.top) return;
    this.addPage();
    this.onPageBreak?.();
  }

  /** Draws one line with its top at the cursor's `top`; `x` is the left edge. */
  text(text: string, x: number, top: number, style: TextStyle): void {
    if (text === '') return;
    this.page.drawText(text, { x, y: top - style.size, size: style.size, font: this.font(style), color: BLACK });
  }

  line(x1: number, y1: number, x2: number, y2: number, thickness = 0.5): void {
    this.page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness, color: GREY });
  }

  fill(x: number, top: number, width: number, height: number): void {
    this.page.drawRectangle({ x, y: top - height, width, height, color: LIGHT });
  }

  /** Splits text into lines no wider than `width`, at spaces where it can and inside a word (a digest, a long SKU) where it must. */
  wrap(text: string, width: number, style: TextStyle): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split('\n')) {
      let current = '';
      for (const word of printable(paragraph).split(' ').filter((w) => w !== '')) {
        const candidate = current === '' ? word : `${current} ${word}`;
        if (this.width(candidate, style) <= width) {
          current = candidate;
          continue;
        }
        if (current !== '') lines.push(current);
        let rest = word;
        while (rest.length > 1 && this.width(rest, style) > width) {
          const cut = this.fittingPrefix(rest, width, style);
          lines.push(rest.slice(0, cut));
          rest = rest.slice(cut);
        }
        current = rest;
      }
      lines.push(current);
    }
    return lines;
  }

  /** The longest prefix (at least one character) of `word` that fits in `width`, by bisection. */
  private fittingPrefix(word: string, width: number, style: TextStyle): number {
    let fits = 1;
    let tooWide = word.length;
    while (tooWide - fits > 1) {
      const middle = Math.floor((fits + tooWide) / 2);
      if (this.width(word.slice(0, middle), style) <= width) fits = middle;
      else tooWide = middle;
    }
    return fits;
  }

  /** A wrapped paragraph at the cursor, moving it down; breaks pages between lines. */
  paragraph(text: string, x: number, width: number, style: TextStyle, align: 'left' | 'center' | 'right' = 'left'): void {
    for (const line of this.wrap(text, width, style)) {
      this.reserve(this.lineHeight(style));
      const offset = align === 'left' ? 0 : align === 'center' ? (width - this.width(line, style)) / 2 : width - this.width(line, style);
      this.text(line, x + offset, this.y, style);
      this.y -= this.lineHeight(style);
    }
  }

  gap(height: number): void {
    this.y -= height;
  }
}
