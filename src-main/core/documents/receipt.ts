import type { ReceiptLineInput } from '@shared/api/documents';
import { AppError } from '@shared/api/errors';
import { invoiceDigest } from '@shared/node/documents';
import { RECEIPT_CONTENT_SCHEMA, ReceiptContentSchema, type Invoice, type ReceiptContent } from '@shared/service/documents';
import type { IdentityRecord } from '../identity/identity-repo';

/**
 * THE signed form of the unit's receipt of an invoice: one line per invoice
 * line, in the invoice's order, with what arrived in usable order and why
 * anything did not. What the receiver typed is checked against the invoice
 * here, with reasons the officer can act on, before the schema's own
 * checks (which would only say "invalid").
 */
export function buildReceipt(invoice: Invoice, inputs: readonly ReceiptLineInput[], identity: IdentityRecord, now: number): ReceiptContent {
  const byPosition = new Map<number, ReceiptLineInput>();
  for (const input of inputs) {
    if (byPosition.has(input.position)) throw badReceipt(`Line ${input.position} is given twice`, { position: input.position });
    byPosition.set(input.position, input);
  }
  const positions = new Set(invoice.content.lines.map((line) => line.position));
  const stray = inputs.find((input) => !positions.has(input.position));
  if (stray) throw badReceipt(`The invoice has no line ${stray.position}`, { position: stray.position });

  const lines = invoice.content.lines.map((line) => {
    const input = byPosition.get(line.position);
    if (!input) throw badReceipt(`Line ${line.position} (${line.name}) has no received quantity`, { position: line.position });
    if (input.receivedQuantity > line.quantity) {
      throw badReceipt(`Line ${line.position}: ${input.receivedQuantity} received, but only ${line.quantity} shipped`, {
        position: line.position,
        shipped: line.quantity,
      });
    }
    if (input.receivedQuantity < line.quantity && input.discrepancy === null) {
      throw badReceipt(`Line ${line.position}: a shortfall needs a discrepancy (short, damaged or wrong item)`, { position: line.position });
    }
    return {
      position: line.position,
      productId: line.productId,
      shippedQuantity: line.quantity,
      receivedQuantity: input.receivedQuantity,
      discrepancy: input.discrepancy,
    };
  });

  const { person } = identity;
  const receipt = ReceiptContentSchema.safeParse({
    schema: RECEIPT_CONTENT_SCHEMA,
    invoiceId: invoice.id,
    invoiceDigest: invoiceDigest(invoice.content),
    unit: { id: person.unit.id, number: person.unit.number },
    lines,
    receivedBy: { personId: person.id, username: person.username, fullName: person.fullName },
    receivedAt: new Date(now).toISOString(),
  });
  if (!receipt.success) throw badReceipt(`The receipt is not valid: ${receipt.error.issues[0]?.message ?? 'unknown'}`);
  return receipt.data;
}

function badReceipt(message: string, params?: Record<string, string | number>): AppError {
  return new AppError('invoice.bad_receipt', message, params);
}
