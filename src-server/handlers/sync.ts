import { iso } from '../clock';
import type { ServiceContext } from '../context';
import type { DeviceCaller } from '../http/authenticate';
import { PreSerialized, type Handler } from '../http/routing';
import { pullChanges, type SyncViewer } from '../sync/pull';
import { prepareIntents } from '../sync/intents/prepare';
import { pushIntents } from '../sync/push';

function viewerOf(caller: DeviceCaller): SyncViewer {
  return { personId: caller.person.id, unitId: caller.person.unitId };
}

/** Every named scope's changes since its cursor, in one answer (src-server/sync/pull.ts). */
export function syncPullHandler(ctx: ServiceContext): Handler<'syncPull'> {
  return async ({ body, caller }) => {
    const pulled = pullChanges(ctx.db, viewerOf(caller), body, ctx.clock(), { checkRows: ctx.checkSyncRows });
    return new PreSerialized(pulled.envelope, pulled.body);
  };
}

/** The outbox's intents, each applied exactly once (src-server/sync/push.ts). */
export function syncPushHandler(ctx: ServiceContext): Handler<'syncPush'> {
  return async ({ body, caller }) => {
    const renditions = await prepareIntents(ctx.db, body.intents);
    const now = ctx.clock();
    const env = { trust: { caCertificatePems: [ctx.ca.certificatePem] }, renditions };
    return { results: pushIntents(ctx.db, now, caller, body.intents, env), serverTime: iso(now) };
  };
}
