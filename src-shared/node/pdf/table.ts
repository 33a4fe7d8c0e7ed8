import { MARGIN, type Canvas, type TextStyle } from './canvas';

/**
 * A ruled table that runs over as many pages as it needs, repeating its
 * header on each; a row is never split across pages.
 */

export interface Column {
  header: string;
  /** Points; the widths of a table's columns add up to the content width. */
  width: number;
  align: 'left' | 'right' | 'center';
  /** Smaller type for long machine text (digests). */
  size?: number;
}

const PADDING = 3;
const HEADER: TextStyle = { size: 7.5, bold: true };
const BODY: TextStyle = { size: 8 };

interface LaidOutRow {
  cells: string[][];
  styles: TextStyle[];
  height: number;
}

function layOut(canvas: Canvas, columns: readonly Column[], cells: readonly string[], base: TextStyle): LaidOutRow {
  const styles = columns.map((column) => (column.size === undefined || base.bold ? base : { ...base, size: column.size }));
  const wrapped = columns.map((column, i) => canvas.wrap(cells[i] ?? '', column.width - 2 * PADDING, styles[i] ?? base));
  const height = Math.max(...wrapped.map((lines, i) => lines.length * canvas.lineHeight(styles[i] ?? base))) + 2 * PADDING;
  return { cells: wrapped, styles, height };
}

function drawRow(canvas: Canvas, columns: readonly Column[], row: LaidOutRow, shaded: boolean): void {
  const top = canvas.y;
  const bottom = top - row.height;
  const left = MARGIN.left;
  const width = columns.reduce((sum, column) => sum + column.width, 0);
  if (shaded) canvas.fill(left, top, width, row.height);
  let x = left;
  for (const [i, column] of columns.entries()) {
    const style = row.styles[i] as TextStyle;
    let lineTop = top - PADDING;
    for (const line of row.cells[i] ?? []) {
      const free = column.width - 2 * PADDING - canvas.width(line, style);
      const offset = column.align === 'left' ? 0 : column.align === 'right' ? free : free / 2;
      canvas.text(line, x + PADDING + offset, lineTop, style);
      lineTop -= canvas.lineHeight(style);
    }
    canvas.line(x, top, x, bottom);
    x += column.width;
  }
  canvas.line(x, top, x, bottom);
  canvas.line(left, top, x, top);
  canvas.line(left, bottom, x, bottom);
  canvas.y = bottom;
}

export function drawTable(canvas: Canvas, columns: readonly Column[], rows: ReadonlyArray<readonly string[]>): void {
  const header = layOut(canvas, columns, columns.map((c) => c.header), HEADER);
  const drawHeader = (): void => drawRow(canvas, columns, header, true);
  // The header never stands alone at the foot of a page.
  const first = rows[0] ? layOut(canvas, columns, rows[0], BODY) : undefined;
  canvas.reserve(header.height + (first?.height ?? 0));
  drawHeader();
  canvas.onPageBreak = drawHeader;
  try {
    for (const [i, cells] of rows.entries()) {
      const row = i === 0 && first ? first : layOut(canvas, columns, cells, BODY);
      canvas.reserve(row.height);
      drawRow(canvas, columns, row, false);
    }
  } finally {
    canvas.onPageBreak = null;
  }
}
