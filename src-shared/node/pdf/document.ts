import { A4, CONTENT_WIDTH, GREY, MARGIN, type Canvas, type TextStyle } from './canvas';
import { messages } from './messages';
import type { DocumentModel, Labelled } from './model';
import { drawTable } from './table';

/** Lays a document model out on pages: heading, fields, the table, totals, notes, people, signature slots, page footers. */

const HEADING: TextStyle = { size: 13, bold: true };
const SUBHEADING: TextStyle = { size: 10 };
const LABEL: TextStyle = { size: 8.5, bold: true };
const VALUE: TextStyle = { size: 8.5 };
const NOTE: TextStyle = { size: 7.5 };
const FOOTER: TextStyle = { size: 7 };
const LABEL_WIDTH = 150;

/** Label in a column of its own, value wrapped beside it; the pair is kept on one page. */
function labelled(canvas: Canvas, items: readonly Labelled[], labelWidth = LABEL_WIDTH): void {
  for (const { label, value } of items) {
    const labels = canvas.wrap(label, labelWidth - 6, LABEL);
    const values = canvas.wrap(value, CONTENT_WIDTH - labelWidth, VALUE);
    const height = Math.max(labels.length, values.length) * canvas.lineHeight(VALUE);
    canvas.reserve(height);
    labels.forEach((line, i) => canvas.text(line, MARGIN.left, canvas.y - i * canvas.lineHeight(LABEL), LABEL));
    values.forEach((line, i) => canvas.text(line, MARGIN.left + labelWidth, canvas.y - i * canvas.lineHeight(VALUE), VALUE));
    canvas.y -= height + 2;
  }
}

function totals(canvas: Canvas, items: readonly Labelled[]): void {
  const style: TextStyle = { size: 9.5, bold: true };
  for (const { label, value } of items) {
    canvas.paragraph(`${label}: ${value}`, MARGIN.left, CONTENT_WIDTH, style, 'right');
  }
}

function signatures(canvas: Canvas, model: DocumentModel): void {
  const m = messages[model.language];
  const heading: TextStyle = { size: 9.5, bold: true };
  // The block stays together where it can: a reader looks for the signatures as one thing.
  const lines = model.signatures.length * 2 + canvas.wrap(m.signatures.note, CONTENT_WIDTH, NOTE).length + 2;
  canvas.reserve(lines * canvas.lineHeight(VALUE) + 16);
  canvas.paragraph(m.signatures.heading, MARGIN.left, CONTENT_WIDTH, heading);
  canvas.gap(3);
  labelled(canvas, model.signatures, 110);
  canvas.gap(3);
  canvas.paragraph(m.signatures.note, MARGIN.left, CONTENT_WIDTH, NOTE);
}

function footers(canvas: Canvas, model: DocumentModel): void {
  const m = messages[model.language];
  const count = canvas.pages.length;
  const baseline = MARGIN.bottom - 24;
  for (const [i, page] of canvas.pages.entries()) {
    const font = canvas.font(FOOTER);
    const number = m.page(i + 1, count);
    const numberWidth = canvas.width(number, FOOTER);
    const [footer = ''] = canvas.wrap(model.footer, CONTENT_WIDTH - numberWidth - 20, FOOTER);
    page.drawLine({ start: { x: MARGIN.left, y: baseline + 10 }, end: { x: A4.width - MARGIN.right, y: baseline + 10 }, thickness: 0.5, color: GREY });
    page.drawText(footer, { x: MARGIN.left, y: baseline, size: FOOTER.size, font, color: GREY });
    page.drawText(number, { x: A4.width - MARGIN.right - numberWidth, y: baseline, size: FOOTER.size, font, color: GREY });
  }
}

export function drawDocument(canvas: Canvas, model: DocumentModel): void {
  canvas.paragraph(model.heading, MARGIN.left, CONTENT_WIDTH, HEADING, 'center');
  canvas.gap(2);
  canvas.paragraph(model.dateLine, MARGIN.left, CONTENT_WIDTH, SUBHEADING, 'center');
  canvas.gap(14);
  labelled(canvas, model.fields);
  canvas.gap(8);
  if (model.intro) {
    canvas.paragraph(model.intro, MARGIN.left, CONTENT_WIDTH, VALUE);
    canvas.gap(6);
  }
  drawTable(canvas, model.columns, model.rows);
  canvas.gap(8);
  totals(canvas, model.totals);
  if (model.notes.length > 0) {
    canvas.gap(6);
    for (const note of model.notes) canvas.paragraph(note, MARGIN.left, CONTENT_WIDTH, NOTE);
  }
  canvas.gap(12);
  labelled(canvas, model.people, 190);
  canvas.gap(12);
  signatures(canvas, model);
  footers(canvas, model);
}
