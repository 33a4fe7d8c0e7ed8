import type { HromadaOption, OrderStatus, OrderSummary } from '@shared/api/ordering';
import type { OrderContent, OrderKind } from '@shared/service/orders';
import { cached } from '../catalog/statements';
import { statusWithReceipts } from '../documents/deliveries';
import type { Db } from '../store/db';
import type { DraftRecord } from './drafts-repo';
import { readHromada } from './hromadas';
import { NO_SPEND, type Spend } from './outlook';
import { statusOf, type OrderRecord } from './records';

/** What the list and the page show of an order, whichever of its layers is on top. */

export interface Lookups {
  supplier(id: string): { name: string; brand: string } | undefined;
  hromada(code: string): HromadaOption | null;
  /** The status with the unit's receipts still on their way counted (issue 6: deliveries show at once). */
  delivery(orderId: string, status: OrderStatus, lines: ReadonlyArray<{ productId: string; quantity: number }>): OrderStatus;
}

/** Supplier and hromada names, each read once per list. */
export function lookups(db: Db): Lookups {
  const suppliers = new Map<string, { name: string; brand: string } | undefined>();
  const hromadas = new Map<string, HromadaOption | null>();
  return {
    supplier(id) {
      if (!suppliers.has(id)) suppliers.set(id, cached(db, 'SELECT name, brand FROM suppliers WHERE id = ?').get(id) as { name: string; brand: string } | undefined);
      return suppliers.get(id);
    },
    hromada(code) {
      if (!hromadas.has(code)) hromadas.set(code, readHromada(db, code) ?? null);
      return hromadas.get(code) ?? null;
    },
    delivery: (orderId, status, lines) => statusWithReceipts(db, orderId, status, lines),
  };
}

export function draftSpend(draft: DraftRecord): Spend {
  return draft.lines.reduce<Spend>(
    (sum, line) =>
      line.funding === 'money'
        ? { ...sum, moneyKopiykas: sum.moneyKopiykas + line.quantity * line.unitPrice }
        : { ...sum, ePoints: sum.ePoints + line.quantity * line.unitPrice },
    NO_SPEND,
  );
}

/** The fields every layer has, from the layer on top. */
export interface Face {
  version: number;
  kind: OrderKind;
  supplierId: string;
  /** The supplier's name as the layer recorded it (the catalogue's, when it holds the supplier, is preferred). */
  supplierName: string;
  supplierBrand: string;
  hromadaCode: string;
  neededBy: string | null;
  promisedDate: string | null;
  totals: Spend;
  lines: Array<{ name: string; sku: string }>;
  createdAt: string;
  updatedAt: string;
  /** The signed content, for a signed or service layer. */
  content: OrderContent | null;
}

export function faceOf(order: OrderRecord): Face {
  const { draft, signed, service } = order;
  if (draft) {
    return {
      version: draft.version,
      kind: draft.kind,
      supplierId: draft.supplierId,
      supplierName: draft.supplierName,
      supplierBrand: draft.supplierBrand,
      hromadaCode: draft.hromadaCode,
      neededBy: draft.neededBy,
      promisedDate: draft.promisedDate,
      totals: draftSpend(draft),
      lines: draft.lines,
      createdAt: draft.createdAt,
      updatedAt: draft.updatedAt,
      content: null,
    };
  }
  const content = (signed?.content ?? service?.content) as OrderContent;
  return {
    version: content.version,
    kind: content.kind,
    supplierId: content.supplier.id,
    supplierName: content.supplier.name,
    supplierBrand: '',
    hromadaCode: content.hromadaCode,
    neededBy: content.neededBy,
    promisedDate: signed ? content.promisedDate : (service?.promisedDate ?? content.promisedDate),
    totals: content.totals,
    lines: content.lines,
    createdAt: signed?.createdAt ?? service?.createdAt ?? content.createdAt,
    updatedAt: signed?.signedAt ?? service?.updatedAt ?? content.createdAt,
    content,
  };
}

export function supplierOf(face: Face, look: Lookups): OrderSummary['supplier'] {
  const known = look.supplier(face.supplierId);
  const name = known?.name || face.supplierName;
  return { id: face.supplierId, name, brand: known?.brand || face.supplierBrand || name };
}

export function toSummary(order: OrderRecord, look: Lookups): OrderSummary {
  const face = faceOf(order);
  return {
    id: order.id,
    number: order.service?.number ?? null,
    kind: face.kind,
    status: order.service && !order.draft && !order.signed ? look.delivery(order.id, order.service.status, order.service.content.lines) : statusOf(order),
    pending: order.pending,
    attention: order.attention,
    supplier: supplierOf(face, look),
    lineCount: face.lines.length,
    totals: face.totals,
    hromada: look.hromada(face.hromadaCode),
    neededBy: face.neededBy,
    promisedDate: face.promisedDate,
    shipBy: order.service?.shipBy ?? null,
    createdAt: face.createdAt,
    updatedAt: face.updatedAt,
  };
}

/** How "needs attention" names an order: its number once the service gave one, else its supplier's brand. */
export function orderLabel(order: OrderRecord, look: Lookups): string {
  return order.service?.number ?? supplierOf(faceOf(order), look).brand;
}
