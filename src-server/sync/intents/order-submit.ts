import { canonicalJsonBytes } from '@shared/node/signing/canonical-json';
import { kyivYear } from '@shared/domain/kyiv-calendar';
import { priceChangeNote, priceChanges } from '../../orders/prices';
import {
  appendOrderEvent,
  changeOrderStatus,
  findOrder,
  insertOrder,
  nextOrderNumber,
  readOrder,
  replaceOrderVersion,
  setLinesExpectedDate,
  type SignedVersion,
} from '../../store/orders';
import type { IntentHandler } from './handler';
import { checkOrderContent } from './order-content';
import { checkOrderPdf } from './order-pdf';
import { verifyOrderSigner } from './order-signer';
import { isResubmission, planVersion } from './order-version';

/**
 * A signed order arrives: its first version, the next one after a return
 * for revision, or the acceptance of a pre-order proposal.
 *
 * Checked in this order: the signature and who signed (order-signer.ts);
 * then, if this very signed version is already here, the order as it
 * stands is the answer (a second submission changes and duplicates
 * nothing, even if the catalogue has moved since); then the PDF
 * signatures, if sent (order-pdf.ts); then what the content
 * names (order-content.ts); then whether this version may follow the
 * current one (order-version.ts). Only then is anything written.
 *
 * Last, the price rule: a line whose signed price is no longer the
 * catalogue's is never repriced; the order is kept, and returned at once
 * by the service, naming the lines, for the orderer to edit and sign again.
 */
export const orderSubmit: IntentHandler<'order.submit'> = ({ db, now, caller, payload, intent, trust, renditions }) => {
  const { content } = payload;
  const verified = verifyOrderSigner({ db, now, caller, intent, content, trust });
  // The dispatcher refuses an order.submit without a signature before the handler runs.
  const signature = intent.signature ?? '';
  const existing = findOrder(db, content.orderId);
  if (existing && isResubmission(existing, content, signature)) return { order: existing };
  const pdf = payload.signature?.pdf;
  checkOrderPdf({ content, pdf, certificateSerial: verified.certificateSerial, renditions, trust, now });

  const products = checkOrderContent(db, content);
  const plan = planVersion(existing, content);

  const signed: SignedVersion = {
    content,
    canonical: canonicalJsonBytes((intent.payload as { content: unknown }).content).toString('utf8'),
    signature,
    pdf: pdf ?? null,
    signedBy: verified.signer.personId,
    deviceId: verified.signer.deviceId,
    signedAt: verified.signingTime.getTime(),
  };
  if (existing) replaceOrderVersion(db, existing.id, signed, plan.status, plan.promisedDate, now);
  else {
    insertOrder(db, {
      id: content.orderId,
      number: nextOrderNumber(db, kyivYear(now)),
      unitId: content.unit.id,
      supplierId: content.supplier.id,
      kind: content.kind,
      status: plan.status,
      signed,
      at: now,
    });
  }
  appendOrderEvent(db, content.orderId, { status: plan.status, at: now, actor: 'unit', note: null });
  if (plan.promisedDate !== null) setLinesExpectedDate(db, content.orderId, plan.promisedDate);

  const changed = priceChanges(content, products);
  if (changed.length > 0) changeOrderStatus(db, content.orderId, { status: 'returned' }, { at: now, actor: 'service', note: priceChangeNote(changed) });
  return { order: readOrder(db, content.orderId) };
};
