import { generateKeyPair as nodeGenerateKeyPair } from 'node:crypto';
import forge from 'node-forge';
import { AppError } from '@shared/api/errors';

/**
 * The device key pair: RSA-3072 (what the service's CA accepts; see
 * src-shared/node/csr.ts), made by node-forge on its native path. With a
 * callback, forge hands the work to Node's asynchronous
 * crypto.generateKeyPair, which runs in libuv's thread pool (~0.1–1 s); its
 * pure-JS generator would take many seconds and, in the main process, freeze
 * the window. So the native path is checked for, not hoped for: if forge
 * would fall back, enrolment fails loudly instead.
 */
export const DEVICE_KEY_BITS = 3072;

export interface DeviceKeyPair {
  publicKey: forge.pki.rsa.PublicKey;
  privateKey: forge.pki.rsa.PrivateKey;
  /** PKCS#8 PEM: the form stored in the vault and read by node:crypto. */
  privateKeyPem: string;
  /** How long generation took (for the log and the benchmark). */
  elapsedMs: number;
}

/** Two switches forge has and its type declarations omit. */
const forgeRuntime = forge as unknown as { options?: { usePureJavaScript?: boolean }; util: { isNodejs?: unknown } };

/** The conditions under which forge's generateKeyPair takes its native asynchronous branch (see node-forge/lib/rsa.js). */
export function forgeUsesNativeKeygen(): boolean {
  return forgeRuntime.options?.usePureJavaScript !== true && Boolean(forgeRuntime.util.isNodejs) && typeof nodeGenerateKeyPair === 'function';
}

export function generateDeviceKeyPair(bits: number = DEVICE_KEY_BITS): Promise<DeviceKeyPair> {
  if (!forgeUsesNativeKeygen()) {
    return Promise.reject(new AppError('internal', 'Native RSA key generation is not available; refusing the pure-JavaScript generator'));
  }
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // No `prng` option: a custom PRNG would also force the pure-JS path. `workers` only matters to that path.
    forge.pki.rsa.generateKeyPair({ bits, e: 0x10001, workers: -1 }, (error, keys) => {
      if (error) {
        reject(new AppError('internal', `Key generation failed: ${error.message}`));
        return;
      }
      const privateKeyPem = forge.pki.privateKeyInfoToPem(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(keys.privateKey)));
      resolve({ publicKey: keys.publicKey, privateKey: keys.privateKey, privateKeyPem, elapsedMs: performance.now() - started });
    });
  });
}
