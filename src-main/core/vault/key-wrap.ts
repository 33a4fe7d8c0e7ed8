import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM around the 32-byte database key. The tag is what tells a wrong
 * passphrase from a right one, and the associated data binds the KDF
 * parameters, so a vault file edited to weaken them no longer unwraps.
 */
export interface WrappedKey {
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

export const WRAP_CIPHER = 'aes-256-gcm';
export const WRAP_IV_LENGTH = 12;
export const WRAP_TAG_LENGTH = 16;

export function wrapKey(kek: Uint8Array, key: Uint8Array, aad: Uint8Array): WrappedKey {
  const iv = randomBytes(WRAP_IV_LENGTH);
  const cipher = createCipheriv(WRAP_CIPHER, kek, iv, { authTagLength: WRAP_TAG_LENGTH });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(key), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

/** The database key, or undefined when the tag does not verify (wrong passphrase or altered file). */
export function unwrapKey(kek: Uint8Array, wrapped: WrappedKey, aad: Uint8Array): Buffer | undefined {
  const decipher = createDecipheriv(WRAP_CIPHER, kek, wrapped.iv, { authTagLength: WRAP_TAG_LENGTH });
  decipher.setAAD(aad);
  decipher.setAuthTag(wrapped.tag);
  const head = decipher.update(wrapped.ciphertext);
  try {
    return Buffer.concat([head, decipher.final()]);
  } catch {
    return undefined;
  } finally {
    head.fill(0);
  }
}
