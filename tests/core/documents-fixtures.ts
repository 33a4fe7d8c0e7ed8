import type { AppNotification } from '@shared/api/contract';
import { DEMO_UNIT, type EnrolledCore, type SyncWorld } from '../faults/support/sync-world';
import { ok, PASSPHRASE } from './support/fixtures';

/**
 * The delivery-document tests' world: the real reference service on
 * loopback behind a fault proxy, laptops of unit А4271 enrolled through it,
 * orders the agency committed, and the supplier's and agency's actions
 * through the service's admin API.
 */

export const offline = () => ({ kind: 'drop' as const });

/** The product's id in the laptop's catalogue, by SKU. */
export function productId(laptop: EnrolledCore, sku: string): string {
  return laptop.local.read((db) => db.prepare('SELECT id FROM products WHERE sku = ?').pluck().get(sku) as string);
}

function hromada(laptop: EnrolledCore): string {
  return laptop.local.read((db) => db.prepare("SELECT code FROM hromadas WHERE name = 'Харківська'").pluck().get() as string);
}

/** An in-stock order of the given lines (one supplier), signed, submitted and committed by the agency; its id. */
export async function committedOrder(world: SyncWorld, orderer: EnrolledCore, lines: ReadonlyArray<{ sku: string; quantity: number }>): Promise<string> {
  const { core } = orderer.t;
  await ok(core, 'cartClear');
  for (const line of lines) await ok(core, 'cartSet', { productId: productId(orderer, line.sku), quantity: line.quantity });
  const [draft] = await ok(core, 'cartCheckout', { hromadaCode: hromada(orderer), neededBy: null });
  const id = draft!.id;
  const preview = await ok(core, 'orderSigningPreview', { id });
  await ok(core, 'orderSign', { id, digest: preview.digest, passphrase: PASSPHRASE });
  await ok(core, 'syncNow');
  await world.service.orderAction(id, { action: 'commit' });
  await ok(core, 'syncNow');
  return id;
}

/** Signs the receipt of `invoiceId` on `laptop` with every line received in full (the passphrase typed). */
export async function receiveInFull(laptop: EnrolledCore, invoiceId: string) {
  const detail = await ok(laptop.t.core, 'invoiceGet', { id: invoiceId });
  const lines = detail.content.lines.map((line) => ({ position: line.position, receivedQuantity: line.quantity, discrepancy: null }));
  const preview = await ok(laptop.t.core, 'invoiceReceiptPreview', { id: invoiceId, lines });
  return ok(laptop.t.core, 'invoiceSign', { id: invoiceId, digest: preview.digest, passphrase: PASSPHRASE });
}

export function notificationsSince(laptop: EnrolledCore, mark: number): AppNotification[] {
  return laptop.t.events.slice(mark).flatMap((event) => (event.type === 'notification' ? [event.notification] : []));
}

export function outboxOf(laptop: EnrolledCore, type: string) {
  return laptop.local.read(
    (db) =>
      db.prepare('SELECT id, type, entity_id, state, payload, signature FROM outbox WHERE type = ? ORDER BY seq').all(type) as Array<{
        id: string;
        type: string;
        entity_id: string;
        state: string;
        payload: string;
        signature: string | null;
      }>,
  );
}

export const caOf = (laptop: EnrolledCore): string =>
  laptop.local.read((db) => db.prepare('SELECT ca_certificate_pem FROM identity').pluck().get() as string);

export { DEMO_UNIT };
