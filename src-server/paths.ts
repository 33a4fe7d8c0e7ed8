import { join, resolve } from 'node:path';

/**
 * The layout of a service data directory. Everything the service keeps is
 * under it, so a fresh directory is a fresh service and deleting it is a
 * complete reset.
 */
export const DEFAULT_DATA_DIR = '.data/service';

export interface DataPaths {
  root: string;
  database: string;
  /** The CA's root private key (PKCS#8 PEM, mode 0600) and self-signed certificate. */
  caKey: string;
  caCertificate: string;
  /** 32 random bytes: the HMAC key of access and enrolment tokens (mode 0600). */
  tokenKey: string;
  /** The bearer secret of the admin API (the agency's and suppliers' actions), mode 0600. */
  adminToken: string;
  /** The keys (0600) and certificates suppliers and the agency sign documents with (documents/keyring.ts). */
  organisationKeys: string;
}

export function dataPaths(dataDir: string): DataPaths {
  const root = resolve(dataDir);
  return {
    root,
    database: join(root, 'service.sqlite'),
    caKey: join(root, 'ca', 'root-key.pem'),
    caCertificate: join(root, 'ca', 'root-cert.pem'),
    tokenKey: join(root, 'keys', 'token-hmac.key'),
    adminToken: join(root, 'keys', 'admin-token'),
    organisationKeys: join(root, 'keys', 'organisations'),
  };
}
