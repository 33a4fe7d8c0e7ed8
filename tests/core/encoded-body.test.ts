import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ServiceCallError } from '../../src-main/core/service/call-error';
import { contentCodingOf, decodeBody, type ContentCoding } from '../../src-main/core/service/encoded-body';

const JSON_TEXT = Buffer.from(JSON.stringify({ scopes: { catalog: { changes: [{ name: 'Вежа-10 Удар' }] } } }), 'utf8');
const encoders: Record<ContentCoding, (bytes: Buffer) => Buffer> = {
  identity: (bytes) => bytes,
  gzip: (bytes) => gzipSync(bytes),
  br: (bytes) => brotliCompressSync(bytes),
  deflate: (bytes) => deflateSync(bytes),
};

function failure(run: () => unknown): ServiceCallError {
  try {
    run();
  } catch (error) {
    if (error instanceof ServiceCallError) return error;
    throw error;
  }
  throw new Error('did not fail');
}

describe('an answer decoded from its content coding', () => {
  it.each(Object.keys(encoders) as ContentCoding[])('%s: gives back the JSON the service sent', (coding) => {
    expect(decodeBody({ bytes: encoders[coding](JSON_TEXT), coding }, 1024, 'syncPull').toString('utf8')).toBe(JSON_TEXT.toString('utf8'));
  });

  it.each(Object.keys(encoders) as ContentCoding[])('%s: more than the limit once decoded is "too large", however small on the wire', (coding) => {
    const bomb = Buffer.alloc(8 * 1024 * 1024, 0x20);
    const error = failure(() => decodeBody({ bytes: encoders[coding](bomb), coding }, 1024 * 1024, 'syncPull'));
    expect(error.kind).toBe('bad_response');
    expect(error.message).toBe('syncPull: the answer is too large');
  });

  it('a body that is not what its coding says is a bad response, not a crash', () => {
    const error = failure(() => decodeBody({ bytes: JSON_TEXT, coding: 'gzip' }, 1024, 'syncPull'));
    expect(error.kind).toBe('bad_response');
    expect(error.message).toMatch(/^syncPull: the gzip answer cannot be decoded/u);
    const cut = gzipSync(JSON_TEXT).subarray(0, 20);
    expect(failure(() => decodeBody({ bytes: cut, coding: 'gzip' }, 1024, 'syncPull')).kind).toBe('bad_response');
  });

  it('reads the codings the service uses and refuses others', () => {
    expect([undefined, '', 'identity', ' GZIP ', 'x-gzip', 'br', 'deflate'].map(contentCodingOf)).toEqual(['identity', 'identity', 'identity', 'gzip', 'gzip', 'br', 'deflate']);
    expect(['compress', 'zstd', 'gzip, br', ['gzip']].map(contentCodingOf)).toEqual([undefined, undefined, undefined, undefined]);
  });
});
