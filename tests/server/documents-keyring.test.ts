import { X509Certificate } from 'node:crypto';
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOrganisationIdentity } from '@shared/node/certificate';
import { canonicalJsonBytes, signDetached, verifySignature } from '@shared/node/signing';
import { loadOrCreateAuthority, type CertificateAuthority } from '../../src-server/ca/authority';
import { ORGANISATION_CERT_VALIDITY_DAYS } from '../../src-server/ca/issue-organisation';
import { OrganisationKeyring } from '../../src-server/documents/keyring';
import { AGENCY, supplierIdentity } from '../../src-server/documents/parties';
import { T0, tempDir } from './helpers';

/** The keys suppliers and the agency sign with: made once, kept 0600, certified by the service's CA, renewed when they must be. */
describe('the organisations’ keyring', () => {
  const dir = tempDir('qm-keyring-');
  const keys = join(dir, 'keys', 'organisations');
  const supplier = supplierIdentity({ id: '0192f3a0-5c1e-7a3b-9d4e-000000000001', name: 'ТОВ «Джміль»', edrpou: '44182634' });
  let ca: CertificateAuthority;

  beforeAll(async () => {
    ca = await loadOrCreateAuthority({ caKey: join(dir, 'ca', 'key.pem'), caCertificate: join(dir, 'ca', 'cert.pem') }, T0);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const spki = (pem: string) => new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const verify = (signer: Awaited<ReturnType<OrganisationKeyring['signer']>>, role: 'supplier' | 'agency', at = T0) =>
    verifySignature(canonicalJsonBytes({ a: 1 }), signDetached(canonicalJsonBytes({ a: 1 }), signer, new Date(at)), {
      caCertificatePems: [ca.certificatePem],
      requiredRole: role,
      now: new Date(at),
    });

  it('makes one key per organisation however many ask at once, keeps it 0600, and signs as that organisation', async () => {
    const keyring = new OrganisationKeyring(keys, ca);
    const [a, b] = await Promise.all([keyring.signer(supplier, T0), keyring.signer(supplier, T0)]);
    expect(a?.certificatePem).toBe(b?.certificatePem);
    expect(readdirSync(keys).sort()).toEqual([`supplier-${supplier.organisationId}.cert.pem`, `supplier-${supplier.organisationId}.key.pem`]);
    for (const file of readdirSync(keys)) expect(statSync(join(keys, file)).mode & 0o777).toBe(0o600);
    expect(verify(a, 'supplier').signer).toEqual(supplier);
    expect(() => verify(a, 'agency')).toThrow(/not the agency/u);
    const agency = await keyring.signer(AGENCY, T0);
    expect(verify(agency, 'agency').signer).toEqual(AGENCY);
  }, 60_000);

  it('keeps the key across restarts, and certifies it again when the organisation is renamed or the certificate runs out', async () => {
    const first = await new OrganisationKeyring(keys, ca).signer(supplier, T0);
    const again = await new OrganisationKeyring(keys, ca).signer(supplier, T0 + 1000);
    expect(again.certificatePem).toBe(first.certificatePem);

    const renamed = await new OrganisationKeyring(keys, ca).signer({ ...supplier, name: 'ТОВ «Джміль Інжиніринг»' }, T0);
    expect(readOrganisationIdentity(renamed.certificatePem).name).toBe('ТОВ «Джміль Інжиніринг»');
    expect(spki(renamed.certificatePem)).toBe(spki(first.certificatePem));

    const late = T0 + (ORGANISATION_CERT_VALIDITY_DAYS - 10) * 24 * 3600_000;
    const renewed = await new OrganisationKeyring(keys, ca).signer({ ...supplier, name: 'ТОВ «Джміль Інжиніринг»' }, late);
    expect(renewed.certificatePem).not.toBe(renamed.certificatePem);
    expect(spki(renewed.certificatePem)).toBe(spki(first.certificatePem));
    expect(() => verify(renewed, 'supplier', late)).not.toThrow();
  });

  it('replaces a certificate file that is damaged', async () => {
    writeFileSync(join(keys, `supplier-${supplier.organisationId}.cert.pem`), 'not a certificate', { mode: 0o600 });
    const signer = await new OrganisationKeyring(keys, ca).signer(supplier, T0);
    expect(() => verify(signer, 'supplier')).not.toThrow();
  });
});
