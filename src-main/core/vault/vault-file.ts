import { z } from 'zod';
import { AppError } from '@shared/api/errors';
import { readFileIfExists, writeFileAtomic } from '../fs/atomic-file';
import { isAcceptableScrypt, SALT_LENGTH, type ScryptParams } from './kdf';
import { WRAP_CIPHER, WRAP_IV_LENGTH, WRAP_TAG_LENGTH, type WrappedKey } from './key-wrap';
import type { ThrottleState } from './throttle';

/**
 * vault.json: everything needed to turn the passphrase back into the
 * database key, and nothing that helps without the passphrase.
 */
export const VAULT_FORMAT = 1;
const DB_KEY_LENGTH = 32;

export interface VaultRecord {
  kdf: ScryptParams & { salt: Buffer };
  wrappedKey: WrappedKey;
  throttle: ThrottleState;
}

const base64Of = (length: number) =>
  z.base64().refine((text) => Buffer.from(text, 'base64').length === length, `expected ${length} bytes`);
const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

const VaultFileSchema = z.object({
  format: z.literal(VAULT_FORMAT),
  kdf: z.object({
    name: z.literal('scrypt'),
    N: z.number().int(),
    r: z.number().int(),
    p: z.number().int(),
    salt: base64Of(SALT_LENGTH),
  }),
  wrappedKey: z.object({
    cipher: z.literal(WRAP_CIPHER),
    iv: base64Of(WRAP_IV_LENGTH),
    ciphertext: base64Of(DB_KEY_LENGTH),
    tag: base64Of(WRAP_TAG_LENGTH),
  }),
  throttle: z.object({ failures: count, lastFailureAt: count }),
});
type VaultFileJson = z.input<typeof VaultFileSchema>;

/**
 * The associated data of the key wrap: the format and KDF parameters, in a
 * fixed order. Changing any of them in the file makes the unwrap fail.
 */
export function wrapAad(kdf: VaultRecord['kdf']): Buffer {
  return Buffer.from(JSON.stringify([VAULT_FORMAT, kdf.name, kdf.N, kdf.r, kdf.p, kdf.salt.toString('base64'), WRAP_CIPHER]), 'utf8');
}

/**
 * Reads the vault file: undefined when there is none; `vault.corrupt` when
 * it cannot be read or is not a vault we understand; `store.too_new` when a
 * newer Quartermaster wrote it. The file is never touched here.
 */
export async function readVaultFile(file: string): Promise<VaultRecord | undefined> {
  let bytes: Buffer | undefined;
  try {
    bytes = await readFileIfExists(file);
  } catch (error) {
    throw new AppError('vault.corrupt', `The vault file cannot be read: ${errorCode(error)}`);
  }
  if (bytes === undefined) return undefined;
  return parseVaultFile(bytes);
}

export function parseVaultFile(bytes: Buffer): VaultRecord {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new AppError('vault.corrupt', 'The vault file is not valid JSON');
  }
  const format = typeof json === 'object' && json !== null ? (json as { format?: unknown }).format : undefined;
  if (typeof format === 'number' && format > VAULT_FORMAT) {
    throw new AppError('store.too_new', `The vault file has format ${format}; this version understands up to ${VAULT_FORMAT}`, {
      found: format,
      supported: VAULT_FORMAT,
    });
  }
  const parsed = VaultFileSchema.safeParse(json);
  if (!parsed.success) throw new AppError('vault.corrupt', `The vault file is malformed: ${parsed.error.issues[0]?.path.join('.') ?? '?'}`);
  const { kdf, wrappedKey, throttle } = parsed.data;
  const params: ScryptParams = { name: kdf.name, N: kdf.N, r: kdf.r, p: kdf.p };
  if (!isAcceptableScrypt(params)) throw new AppError('vault.corrupt', 'The vault file asks for KDF parameters outside the accepted range');
  return {
    kdf: { ...params, salt: Buffer.from(kdf.salt, 'base64') },
    wrappedKey: {
      iv: Buffer.from(wrappedKey.iv, 'base64'),
      ciphertext: Buffer.from(wrappedKey.ciphertext, 'base64'),
      tag: Buffer.from(wrappedKey.tag, 'base64'),
    },
    throttle: { failures: throttle.failures, lastFailureAt: throttle.lastFailureAt },
  };
}

export function serializeVaultFile(record: VaultRecord): string {
  const json: VaultFileJson = {
    format: VAULT_FORMAT,
    kdf: {
      name: record.kdf.name,
      N: record.kdf.N,
      r: record.kdf.r,
      p: record.kdf.p,
      salt: record.kdf.salt.toString('base64'),
    },
    wrappedKey: {
      cipher: WRAP_CIPHER,
      iv: record.wrappedKey.iv.toString('base64'),
      ciphertext: record.wrappedKey.ciphertext.toString('base64'),
      tag: record.wrappedKey.tag.toString('base64'),
    },
    throttle: { failures: record.throttle.failures, lastFailureAt: Math.max(0, Math.floor(record.throttle.lastFailureAt)) },
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

export async function writeVaultFile(file: string, record: VaultRecord): Promise<void> {
  try {
    await writeFileAtomic(file, serializeVaultFile(record));
  } catch (error) {
    throw new AppError('store.io', `The vault file cannot be written: ${errorCode(error)}`);
  }
}

function errorCode(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}
