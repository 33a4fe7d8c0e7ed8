import type { OrderContent } from '@shared/service/orders';
import type { Product } from '@shared/service/catalogue';
import type { Db } from '../../store/database';
import { findProduct } from '../../store/catalogue';
import { findHromada } from '../../store/hromadas';
import { refuse } from './handler';

/**
 * What a signed order names must exist in the service's catalogue and
 * codifier, and its sums must add up. Quantities and shapes were checked by
 * the payload schema already (sync.invalid_payload); prices against the
 * catalogue come last (orders/prices.ts), because a changed price does not
 * refuse the order but returns it.
 */
export function checkOrderContent(db: Db, content: OrderContent): Map<string, Product> {
  const supplierId = content.supplier.id;
  if (!db.prepare('SELECT 1 FROM suppliers WHERE id = ?').get(supplierId)) {
    refuse<'order.submit'>('order.unknown_supplier', `No supplier ${supplierId}`, { supplierId });
  }
  const products = new Map<string, Product>();
  for (const line of content.lines) {
    const product = findProduct(db, line.productId);
    if (!product || product.supplierId !== supplierId) {
      refuse<'order.submit'>('order.unknown_product', `Supplier ${content.supplier.name} offers no product ${line.productId}`, { productId: line.productId, sku: line.sku });
    }
    if (!product.active) {
      refuse<'order.submit'>('order.product_withdrawn', `Product ${product.sku} has been withdrawn from the catalogue`, { productId: product.id, sku: product.sku });
    }
    products.set(product.id, product);
  }
  checkLines(content, products);
  if (!findHromada(db, content.hromadaCode)) {
    refuse<'order.submit'>('order.unknown_hromada', `No hromada ${content.hromadaCode} in the KATOTTG codifier`, { hromadaCode: content.hromadaCode });
  }
  return products;
}

function checkLines(content: OrderContent, products: ReadonlyMap<string, Product>): void {
  const totals = { money: 0, e_points: 0 };
  content.lines.forEach((line, index) => {
    const params = { line: index + 1, productId: line.productId, sku: line.sku };
    if (line.funding === 'e_points' && products.get(line.productId)?.ePointsPrice === null) {
      refuse<'order.submit'>('order.bad_lines', `Line ${index + 1}: ${line.sku} cannot be paid with e-points`, params);
    }
    const total = line.quantity * line.unitPrice;
    if (!Number.isSafeInteger(total) || line.total !== total) {
      refuse<'order.submit'>('order.bad_lines', `Line ${index + 1}: the total must be ${line.quantity} × ${line.unitPrice}`, params);
    }
    totals[line.funding] += total;
  });
  if (!Number.isSafeInteger(totals.money) || content.totals.moneyKopiykas !== totals.money || content.totals.ePoints !== totals.e_points) {
    refuse<'order.submit'>('order.bad_lines', `The order's totals must be the sums of its money lines (${totals.money}) and e-points lines (${totals.e_points})`, {
      moneyKopiykas: totals.money,
      ePoints: totals.e_points,
    });
  }
}
