import type { Language } from './messages';
import type { Column } from './table';

/**
 * A document as printed: the words and figures of one rendition, already
 * in its language, with nothing left to decide but where on the page they
 * go. The per-kind builders (model-*.ts) make one from signed content;
 * document.ts draws it.
 */
export interface Labelled {
  label: string;
  value: string;
}

export interface DocumentModel {
  language: Language;
  /** The PDF's document information and identity. */
  info: {
    title: string;
    author: string;
    subject: string;
    /** From the content (issuedAt / createdAt), never the clock: renditions must not depend on when they are made. */
    createdAt: Date;
  };
  /** "Видаткова накладна № ВН-2026-000017". */
  heading: string;
  /** "від 02.06.2025". */
  dateLine: string;
  /** Issuer with ЄДРПОУ, recipient, basis, period, identifiers. */
  fields: Labelled[];
  /** The content of the operation, in a sentence, where the table alone does not say it. */
  intro: string | null;
  columns: Column[];
  rows: string[][];
  totals: Labelled[];
  notes: string[];
  /** Positions and names of the responsible persons. */
  people: Labelled[];
  /** The signature slots, by name; the signatures themselves are the PDF's. */
  signatures: Labelled[];
  /** Repeated at the foot of every page, beside the page number. */
  footer: string;
}
