import type { Clock } from '../clock';
import type { HandlerTable } from '../dispatch';
import type { EventHub } from '../events';
import type { Session } from '../session/session';
import type { Db } from '../store';
import { addToCart, emptyCart, readCart, removeFromCart, setCartLine } from '../orders/cart';
import { checkout } from '../orders/checkout';
import { searchHromadas } from '../orders/hromadas';
import { readOrderRecord } from '../orders/records';
import { lookups, toSummary } from '../orders/summary';

type CartMethods = 'cartGet' | 'cartAdd' | 'cartSet' | 'cartRemove' | 'cartClear' | 'hromadaSearch' | 'cartCheckout';

export interface CartHandlerDeps {
  session: Session;
  clock: Clock;
  events: EventHub;
}

/**
 * The cart and checkout, in the encrypted store (they survive a restart and
 * a lock). Each change is one transaction, answered with the cart as it now
 * is; other views learn of it by a data_changed event.
 */
export function cartHandlers(deps: CartHandlerDeps): Pick<HandlerTable, CartMethods> {
  const { session, clock, events } = deps;
  const iso = (): string => new Date(clock.now()).toISOString();

  async function change(task: (db: Db) => void, scopes: string[] = ['cart']) {
    const cart = await session.withStore((store) => {
      store.db.transaction(() => task(store.db)).immediate();
      return readCart(store.db, clock.now());
    });
    events.emit({ type: 'data_changed', scopes });
    return cart;
  }

  return {
    cartGet: () => session.withStore((store) => readCart(store.db, clock.now())),
    cartAdd: ({ productId, quantity }) => change((db) => addToCart(db, productId, quantity, iso())),
    cartSet: (request) => change((db) => setCartLine(db, request, iso())),
    cartRemove: ({ productId }) => change((db) => removeFromCart(db, productId)),
    cartClear: () => change((db) => emptyCart(db)),
    hromadaSearch: ({ query, limit }) => session.withStore((store) => searchHromadas(store.db, query, limit)),

    cartCheckout: async (request) => {
      const summaries = await session.withStore((store) => {
        const { db } = store;
        const ids = db.transaction(() => checkout(db, request, clock.now())).immediate();
        const look = lookups(db);
        return ids.flatMap((id) => {
          const order = readOrderRecord(db, id);
          return order ? [toSummary(order, look)] : [];
        });
      });
      events.emit({ type: 'data_changed', scopes: ['cart', 'orders'] });
      return summaries;
    },
  };
}
