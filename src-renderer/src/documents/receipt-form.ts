import type { ReceiptLineInput } from '@shared/api/documents';
import type { DiscrepancyKindSchema, InvoiceLine } from '@shared/service/documents';
import type { z } from 'zod';

type DiscrepancyKind = z.infer<typeof DiscrepancyKindSchema>;

/** Why a received quantity is not acceptable; each has a message under `invoicePage.receive.errors`. */
export type ReceivedProblem = 'empty' | 'notNumber' | 'fraction' | 'negative' | 'aboveShipped';

export type ReceivedInput = { kind: 'ok'; quantity: number } | { kind: 'invalid'; problem: ReceivedProblem };

/**
 * What the receiver typed as arrived in usable order: a whole number from 0
 * to what was shipped. Grouping spaces are allowed; a fraction, a sign or a
 * figure above the shipped one is explained, never rounded or capped.
 */
export function parseReceived(text: string, shipped: number): ReceivedInput {
  const compact = text.trim().replace(/[\s\u00a0\u202f\u2009]/gu, '');
  if (compact === '') return { kind: 'invalid', problem: 'empty' };
  const match = /^([+\-\u2212\u2013]?)(\d+)(?:[.,](\d+))?$/u.exec(compact);
  if (!match) return { kind: 'invalid', problem: 'notNumber' };
  const [, sign = '', whole = '', fraction] = match;
  const negative = sign !== '' && sign !== '+';
  const value = Number(whole);
  if (negative && (value > 0 || (fraction !== undefined && /[1-9]/u.test(fraction)))) return { kind: 'invalid', problem: 'negative' };
  if (fraction !== undefined && /[1-9]/u.test(fraction)) return { kind: 'invalid', problem: 'fraction' };
  if (!Number.isSafeInteger(value) || value > shipped) return { kind: 'invalid', problem: 'aboveShipped' };
  return { kind: 'ok', quantity: value };
}

/** One line of the receipt form as the receiver fills it in. */
export interface ReceiptDraftLine {
  position: number;
  shipped: number;
  received: string;
  discrepancy: DiscrepancyKind | '';
  note: string;
}

/** Where a line falls short of what a receipt needs; null when it is fine. */
export interface ReceiptLineProblems {
  received: ReceivedProblem | null;
  /** A shortfall needs its kind (short, damaged, wrong item)… */
  discrepancy: 'required' | null;
  /** …and a word on what happened. */
  note: 'required' | null;
}

/** Every line as shipped: the receiver changes only what did not arrive in order. */
export function draftFromInvoice(lines: readonly InvoiceLine[]): ReceiptDraftLine[] {
  return lines.map((line) => ({ position: line.position, shipped: line.quantity, received: String(line.quantity), discrepancy: '', note: '' }));
}

export function lineProblems(line: ReceiptDraftLine): ReceiptLineProblems {
  const parsed = parseReceived(line.received, line.shipped);
  const short = parsed.kind === 'ok' && parsed.quantity < line.shipped;
  // A discrepancy may be noted on a full line too (e.g. damaged packaging); then its note is still wanted.
  const noted = short || line.discrepancy !== '';
  return {
    received: parsed.kind === 'invalid' ? parsed.problem : null,
    discrepancy: short && line.discrepancy === '' ? 'required' : null,
    note: noted && line.note.trim() === '' ? 'required' : null,
  };
}

export function hasProblems(problems: ReceiptLineProblems): boolean {
  return problems.received !== null || problems.discrepancy !== null || problems.note !== null;
}

/** The request lines for invoiceReceiptPreview, or null while any line has a problem. */
export function receiptRequestLines(lines: readonly ReceiptDraftLine[]): ReceiptLineInput[] | null {
  const out: ReceiptLineInput[] = [];
  for (const line of lines) {
    const parsed = parseReceived(line.received, line.shipped);
    if (parsed.kind === 'invalid' || hasProblems(lineProblems(line))) return null;
    out.push({
      position: line.position,
      receivedQuantity: parsed.quantity,
      discrepancy: line.discrepancy === '' ? null : { kind: line.discrepancy, note: line.note.trim() },
    });
  }
  return out;
}
