import { createPrivateKey } from 'node:crypto';
import forge from 'node-forge';
import { afterEach, describe, expect, it } from 'vitest';
import { DEVICE_KEY_BITS, forgeUsesNativeKeygen, generateDeviceKeyPair } from '../../src-main/core/identity/keygen';

const forgeOptions = (forge as unknown as { options: { usePureJavaScript: boolean } }).options;

afterEach(() => {
  forgeOptions.usePureJavaScript = false;
});

describe('device key generation', () => {
  it('takes forge’s native path: RSA-3072 in well under the seconds pure JS needs, without stalling the event loop', async () => {
    expect(forgeUsesNativeKeygen()).toBe(true);
    let last = performance.now();
    let maxStall = 0;
    const monitor = setInterval(() => {
      const now = performance.now();
      maxStall = Math.max(maxStall, now - last - 5);
      last = now;
    }, 5);
    try {
      const keys = await generateDeviceKeyPair();
      expect(keys.publicKey.n.bitLength()).toBe(DEVICE_KEY_BITS);
      expect(keys.publicKey.e.intValue()).toBe(65537);
      // Native generation takes ~0.1–1 s; forge's pure-JS generator takes tens of seconds for 3072 bits.
      expect(keys.elapsedMs).toBeLessThan(5_000);
      const key = createPrivateKey(keys.privateKeyPem);
      expect(key.asymmetricKeyDetails?.modulusLength).toBe(3072);
      expect(keys.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/u);
    } finally {
      clearInterval(monitor);
    }
    // Work on the main thread is only forge parsing the PEM: milliseconds, not the generation itself.
    expect(maxStall).toBeLessThan(100);
  });

  it('refuses rather than fall back to the pure-JS generator', async () => {
    forgeOptions.usePureJavaScript = true;
    expect(forgeUsesNativeKeygen()).toBe(false);
    await expect(generateDeviceKeyPair()).rejects.toMatchObject({ code: 'internal' });
  });
});
