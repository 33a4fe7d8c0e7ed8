import { createPrivateKey, sign } from 'node:crypto';
import forge from 'node-forge';
import { v7 as uuidv7 } from 'uuid';
import { canonicalJsonBytes, signDetached } from '@shared/node/signing';
import type { CsrSubject } from '@shared/service/common';
import { ORDER_CONTENT_SCHEMA, type Order, type OrderContent } from '@shared/service/orders';
import type { TestService } from '../support/service';
import { csrFor, readRows, rsaKeyPair } from './helpers';
import { intent } from './sync-helpers';

/**
 * What the TestService helpers act on: a demo unit's orderer enrols over
 * HTTP, as a laptop does, and pushes a signed in-stock order of two pieces
 * of a demo product. Answers the push's result for that intent.
 */
export async function pushDemoOrder(service: TestService): Promise<{ status: string; order: Order | undefined }> {
  async function post(path: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
    const response = await fetch(`${service.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${path}: ${JSON.stringify(answer)}`);
    return answer;
  }

  const officer = await service.provision({ unitNumber: 'А4271', roles: ['orderer'] });
  const login = await post('/v1/auth/login', { username: officer.username, password: officer.password, totp: await service.totp(officer), enrolmentCode: officer.enrolmentCode });
  const keys = rsaKeyPair();
  const enrolled = await post('/v1/auth/enrol', { csr: csrFor(keys, login.csrSubject as CsrSubject) }, login.enrolmentToken as string);
  const person = enrolled.person as { id: string; unit: { id: string } };
  const product = readRows<{ id: string; sku: string; name: string; price_kopiykas: number; supplier_id: string; supplier: string }>(
    service.dataDir,
    'SELECT p.id, p.sku, p.name, p.price_kopiykas, p.supplier_id, s.name AS supplier FROM products p JOIN suppliers s ON s.id = p.supplier_id WHERE p.active = 1 AND p.stock > 2 ORDER BY p.sku LIMIT 1',
  )[0] as { id: string; sku: string; name: string; price_kopiykas: number; supplier_id: string; supplier: string };
  const hromada = readRows<{ code: string }>(service.dataDir, 'SELECT code FROM hromadas ORDER BY code LIMIT 1')[0]?.code as string;
  const content: OrderContent = {
    schema: ORDER_CONTENT_SCHEMA,
    orderId: uuidv7(),
    version: 1,
    kind: 'in_stock',
    unit: { id: person.unit.id, number: 'А4271' },
    supplier: { id: product.supplier_id, name: product.supplier },
    lines: [{ productId: product.id, sku: product.sku, name: product.name, quantity: 2, funding: 'money', unitPrice: product.price_kopiykas, total: 2 * product.price_kopiykas }],
    totals: { moneyKopiykas: 2 * product.price_kopiykas, ePoints: 0 },
    hromadaCode: hromada,
    neededBy: null,
    promisedDate: null,
    author: { personId: person.id, username: officer.username, fullName: officer.fullName },
    createdAt: new Date(service.now()).toISOString(),
  };
  const key = createPrivateKey(forge.pki.privateKeyToPem(keys.privateKey));
  const signer = { certificatePem: enrolled.certificate as string, signSha256: (data: Uint8Array) => sign('sha256', data, key) };
  const signature = signDetached(canonicalJsonBytes(content), signer, new Date(service.now())).toString('base64');
  const pushed = await post(
    '/v1/sync/push',
    { intents: [intent('order.submit', content.orderId, { content }, { signature })] },
    (enrolled.tokens as { accessToken: string }).accessToken,
  );
  const [result] = pushed.results as Array<{ status: string; result?: { order: Order } }>;
  return { status: result?.status ?? 'missing', order: result?.result?.order };
}
