import type { OrderDetail } from '@shared/api/ordering';
import type { Clock } from '../clock';
import type { HandlerTable } from '../dispatch';
import { readIdentity } from '../identity/identity-repo';
import type { CoreLog } from '../log';
import type { Session } from '../session/session';
import type { Db } from '../store';
import type { SyncEngine } from '../sync/engine';
import { orderDetail } from '../orders/detail';
import { acceptProposal, discardDraft, reviseOrder, updateDraft } from '../orders/drafts';
import { listOrders } from '../orders/list';
import { cancelOrder, declineProposal } from '../orders/order-actions';
import { requireOrderRecord } from '../orders/records';
import { previewSigning, signOrder, type SigningGrace } from '../orders/signing';

type OrderMethods =
  | 'orderList'
  | 'orderGet'
  | 'orderUpdateDraft'
  | 'orderDiscardDraft'
  | 'orderSigningPreview'
  | 'orderSign'
  | 'orderRevise'
  | 'orderAcceptProposal'
  | 'orderDeclineProposal'
  | 'orderCancel';

export interface OrderHandlerDeps {
  session: Session;
  engine: SyncEngine;
  clock: Clock;
  log: CoreLog;
  grace: SigningGrace;
}

/**
 * Orders: the list and the page, draft edits, signing, and the answers to
 * the agency and suppliers. A change that queues an intent answers after
 * the intent is committed; the sync that carries it follows shortly.
 */
export function orderHandlers(deps: OrderHandlerDeps): Pick<HandlerTable, OrderMethods> {
  const { session, engine, clock } = deps;

  /** The order page as it now is; signatures are checked against the CA certificate this laptop holds. */
  function detail(db: Db, id: string): OrderDetail {
    const ca = readIdentity(db)?.caCertificatePem;
    return orderDetail(db, requireOrderRecord(db, id), { caCertificatePems: ca ? [ca] : [], now: new Date(clock.now()) });
  }

  /** A local change to an order, in one transaction; `sync` when it queued an intent. */
  async function change(id: string, task: (db: Db) => void, sync: boolean): Promise<OrderDetail> {
    const answer = await session.withStore((store) => {
      store.db.transaction(() => task(store.db)).immediate();
      return detail(store.db, id);
    });
    await engine.localChange(['orders'], sync);
    return answer;
  }

  return {
    orderList: (request) => session.withStore((store) => listOrders(store.db, request)),
    orderGet: ({ id }) => session.withStore((store) => detail(store.db, id)),
    orderUpdateDraft: (request) => change(request.id, (db) => updateDraft(db, request, clock.now()), false),

    orderDiscardDraft: async ({ id }) => {
      await session.withStore((store) => store.db.transaction(() => discardDraft(store.db, id)).immediate());
      await engine.localChange(['orders'], false);
      return {};
    },

    orderSigningPreview: ({ id }) => previewSigning(deps, id),

    orderSign: async (request) => {
      await signOrder(deps, request);
      await engine.localChange(['orders'], true);
      return session.withStore((store) => detail(store.db, request.id));
    },

    orderRevise: ({ id }) => change(id, (db) => reviseOrder(db, id, clock.now()), false),
    orderAcceptProposal: ({ id }) => change(id, (db) => acceptProposal(db, id, clock.now()), false),
    orderDeclineProposal: ({ id }) => change(id, (db) => declineProposal(db, id, clock.now()), true),

    orderCancel: async ({ id, reason }) => {
      const { outcome, answer } = await session.withStore((store) => {
        const before = detail(store.db, id);
        const done = store.db.transaction(() => cancelOrder(store.db, id, reason, clock.now())).immediate();
        // An order the service never had is simply gone: the answer is its last look, cancelled by the officer.
        return { outcome: done, answer: done === 'queued' ? detail(store.db, id) : droppedDetail(before, reason, new Date(clock.now()).toISOString()) };
      });
      await engine.localChange(['orders'], outcome === 'queued');
      return answer;
    },
  };
}

function droppedDetail(before: OrderDetail, reason: string, at: string): OrderDetail {
  return {
    ...before,
    status: 'cancelled',
    pending: false,
    attention: false,
    updatedAt: at,
    timeline: [...before.timeline, { status: 'cancelled', at, actor: 'unit', note: reason }],
    comment: reason,
    actions: [],
  };
}
