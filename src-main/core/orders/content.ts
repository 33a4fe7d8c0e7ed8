import { AppError } from '@shared/api/errors';
import { canonicalJsonBytes } from '@shared/node/signing/canonical-json';
import { sha256Hex } from '@shared/node/signing/digest';
import { ORDER_CONTENT_SCHEMA, OrderContentSchema, type OrderContent } from '@shared/service/orders';
import type { IdentityRecord } from '../identity/identity-repo';
import type { Db } from '../store/db';
import type { DraftRecord } from './drafts-repo';
import { readCatalogueProduct } from './products';
import { lookups } from './summary';

/**
 * THE signed form of a draft (src-shared/service/orders.ts): what the
 * signing dialog shows and what the signature covers. Built from a draft
 * that matches the catalogue (requireFreshDraft), so every product is known
 * and priced as the draft says; names and SKUs are the catalogue's now.
 */
export function buildContent(db: Db, draft: DraftRecord, identity: IdentityRecord, now: number): OrderContent {
  const lines = draft.lines.map((line) => {
    const product = readCatalogueProduct(db, line.productId);
    return {
      productId: line.productId,
      sku: product?.sku ?? line.sku,
      name: product?.name ?? line.name,
      quantity: line.quantity,
      funding: line.funding,
      unitPrice: line.unitPrice,
      total: line.quantity * line.unitPrice,
    };
  });
  const totals = lines.reduce(
    (sum, line) =>
      line.funding === 'money' ? { ...sum, moneyKopiykas: sum.moneyKopiykas + line.total } : { ...sum, ePoints: sum.ePoints + line.total },
    { moneyKopiykas: 0, ePoints: 0 },
  );
  const supplierName = lookups(db).supplier(draft.supplierId)?.name || draft.supplierName;
  const content = {
    schema: ORDER_CONTENT_SCHEMA,
    orderId: draft.id,
    version: draft.version,
    kind: draft.kind,
    unit: { id: identity.person.unit.id, number: identity.person.unit.number },
    supplier: { id: draft.supplierId, name: supplierName },
    lines,
    totals,
    hromadaCode: draft.hromadaCode,
    neededBy: draft.neededBy,
    promisedDate: draft.promisedDate,
    author: { personId: identity.person.id, username: identity.person.username, fullName: identity.person.fullName },
    createdAt: new Date(now).toISOString(),
  };
  const checked = OrderContentSchema.safeParse(content);
  // Cannot happen for a draft made through the API; if it does, nothing unsignable is shown as signable.
  if (!checked.success) throw new AppError('internal', `The draft ${draft.id} has no valid signed form: ${checked.error.message}`);
  return checked.data;
}

export interface CanonicalForm {
  bytes: Buffer;
  text: string;
  /** SHA-256 of the bytes, lower-case hex. */
  digest: string;
}

export function canonicalForm(content: OrderContent): CanonicalForm {
  const bytes = canonicalJsonBytes(content);
  return { bytes, text: bytes.toString('utf8'), digest: sha256Hex(bytes) };
}
