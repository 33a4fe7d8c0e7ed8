import { iso } from '../../clock';
import { findProduct } from '../../store/catalogue';
import { deleteWatch, upsertWatch } from '../../store/watches';
import { refuse, type IntentHandler } from './handler';

/** Watch a product: only one that exists and has not been withdrawn. */
export const watchSet: IntentHandler<'watch.set'> = ({ db, now, caller, payload }) => {
  const product = findProduct(db, payload.productId);
  if (!product) refuse<'watch.set'>('watch.unknown_product', `No product ${payload.productId}`, { productId: payload.productId });
  if (!product.active) {
    refuse<'watch.set'>('watch.product_withdrawn', `Product ${product.sku} was withdrawn on ${iso(product.withdrawnAt ?? now)}`, {
      productId: product.id,
      sku: product.sku,
    });
  }
  return { watch: upsertWatch(db, caller.person.id, product.id, payload.notify, now) };
};

/** Stop watching: removing what is not there is still done (the officer's wish holds). */
export const watchRemove: IntentHandler<'watch.remove'> = ({ db, caller, payload }) => ({
  productId: payload.productId,
  removed: deleteWatch(db, caller.person.id, payload.productId),
});
