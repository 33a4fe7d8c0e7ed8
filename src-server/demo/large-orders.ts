import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import forge from 'node-forge';
import { v7 as uuidv7 } from 'uuid';
import { ORDER_CONTENT_SCHEMA, OrderContentSchema, type OrderContent } from '@shared/service/orders';
import { canonicalJsonBytes, signDetached, type CmsSigner } from '@shared/node/signing';
import type { CertificateAuthority } from '../ca/authority';
import { issueDeviceCertificate } from '../ca/issue';
import { addDays, kyivDate, kyivYear } from '@shared/domain/kyiv-calendar';
import { listPersons } from '../store/persons';
import { findUnitByNumber } from '../store/units';
import { appendOrderEvent, changeOrderStatus, insertOrder, nextOrderNumber, setLinesExpectedDate } from '../store/orders';
import type { Db } from '../store/database';

/**
 * BENCHMARK ONLY: a unit's order history, large enough to weigh on a first
 * sync (issue 4 benchmarks 5 000 order lines beside 20 000 products).
 * Every order is real: signed content in the shared schema, a detached CMS
 * by a certificate the service's own CA issues for one of the unit's
 * orderers (a bench device, never enrolled), committed by the agency with
 * its ship-by date, so the client stores and verifies them as any other.
 * Written in one transaction.
 */

export interface LargeOrdersOptions {
  unitNumber: string;
  /** Order lines in all; an order carries up to `linesPerOrder` (fewer where its maker has fewer products). */
  lines: number;
  linesPerOrder?: number;
  authority: CertificateAuthority;
  now: number;
}

export interface LargeOrdersReport {
  orders: number;
  lines: number;
  ms: number;
}

interface CatalogueRow {
  id: string;
  supplier_id: string;
  sku: string;
  name: string;
  price_kopiykas: number;
  supplier_name: string;
}

export function seedLargeOrders(db: Db, options: LargeOrdersOptions): LargeOrdersReport {
  const started = performance.now();
  const unit = findUnitByNumber(db, options.unitNumber);
  if (!unit) throw new Error(`No unit ${options.unitNumber}`);
  const orderer = listPersons(db, unit.id).find((person) => person.roles.includes('orderer') && person.revokedAt === null);
  if (!orderer) throw new Error(`Unit ${options.unitNumber} has no orderer to sign its orders`);
  const hromada = db.prepare('SELECT code FROM hromadas ORDER BY code LIMIT 1').pluck().get() as string | undefined;
  if (!hromada) throw new Error('No hromadas: seed the demo or import KATOTTG first');
  const products = db
    .prepare(
      `SELECT p.id, p.supplier_id, p.sku, p.name, p.price_kopiykas, s.name AS supplier_name
         FROM products p JOIN suppliers s ON s.id = p.supplier_id WHERE p.active = 1 ORDER BY p.supplier_id, p.id`,
    )
    .all() as CatalogueRow[];
  if (products.length === 0) throw new Error('No products to order');

  const signer = benchSigner(options.authority, { ...orderer, unitNumber: unit.number, unitName: unit.name }, options.now);
  const perOrder = options.linesPerOrder ?? 10;
  const at = options.now;
  const shipBy = addDays(kyivDate(at), 7);
  let lines = 0;
  let orders = 0;

  db.transaction(() => {
    for (let cursor = 0; lines < options.lines; orders += 1) {
      // Consecutive products share a supplier (sorted by it): one order, one maker.
      const first = products[cursor % products.length] as CatalogueRow;
      const chosen: CatalogueRow[] = [];
      while (chosen.length < Math.min(perOrder, options.lines - lines)) {
        const candidate = products[cursor % products.length] as CatalogueRow;
        if (chosen.length > 0 && candidate.supplier_id !== first.supplier_id) break;
        chosen.push(candidate);
        cursor += 1;
      }
      const content = OrderContentSchema.parse({
        schema: ORDER_CONTENT_SCHEMA,
        orderId: uuidv7(),
        version: 1,
        kind: 'in_stock',
        unit: { id: unit.id, number: unit.number },
        supplier: { id: first.supplier_id, name: first.supplier_name },
        lines: chosen.map((product, index) => {
          const quantity = 1 + ((orders + index) % 5);
          return {
            productId: product.id,
            sku: product.sku,
            name: product.name,
            quantity,
            funding: 'money',
            unitPrice: product.price_kopiykas,
            total: quantity * product.price_kopiykas,
          };
        }),
        totals: { moneyKopiykas: chosen.reduce((sum, p, index) => sum + (1 + ((orders + index) % 5)) * p.price_kopiykas, 0), ePoints: 0 },
        hromadaCode: hromada,
        neededBy: null,
        promisedDate: null,
        author: { personId: orderer.id, username: orderer.username, fullName: orderer.fullName },
        createdAt: new Date(at).toISOString(),
      } satisfies OrderContent);
      const canonical = canonicalJsonBytes(content);
      const signature = signDetached(canonical, signer, new Date(at)).toString('base64');
      insertOrder(db, {
        id: content.orderId,
        number: nextOrderNumber(db, kyivYear(at)),
        unitId: unit.id,
        supplierId: first.supplier_id,
        kind: 'in_stock',
        status: 'submitted',
        signed: { content, canonical: canonical.toString('utf8'), signature, signedBy: orderer.id, deviceId: signer.deviceId, signedAt: at },
        at,
      });
      appendOrderEvent(db, content.orderId, { status: 'submitted', at, actor: 'unit', note: null });
      changeOrderStatus(db, content.orderId, { status: 'committed', shipBy }, { at, actor: 'agency', note: null });
      setLinesExpectedDate(db, content.orderId, shipBy);
      lines += chosen.length;
    }
  })();
  return { orders, lines, ms: Math.round(performance.now() - started) };
}

interface BenchPerson {
  id: string;
  username: string;
  fullName: string;
  roles: Array<'orderer' | 'receiver' | 'commander'>;
  unitId: string;
  unitNumber: string;
  unitName: string;
}

/** A key and a certificate of the service's CA for `person` on a device that exists only here. */
function benchSigner(authority: CertificateAuthority, person: BenchPerson, now: number): CmsSigner & { deviceId: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const deviceId = randomUUID();
  const certificate = issueDeviceCertificate(authority, {
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()) as forge.pki.rsa.PublicKey,
    claims: { personId: person.id, username: person.username, unitId: person.unitId, unitNumber: person.unitNumber, roles: person.roles, deviceId },
    fullName: person.fullName,
    unitName: person.unitName,
    nowMs: now,
  });
  return { certificatePem: certificate.pem, deviceId, signSha256: (data) => sign('sha256', data, privateKey) };
}
