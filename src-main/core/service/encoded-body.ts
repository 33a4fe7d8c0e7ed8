import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { RouteName } from '@shared/service/routes';
import { ServiceCallError } from './call-error';

/**
 * An answer's body as it came off the wire, still in its content coding,
 * and the decoding of it. Apart from http.ts (axios) so that the pull
 * worker decodes the large answers itself: inflating a page on the main
 * thread made a megabyte of buffers there per page, which the main
 * thread's garbage collector, seeing little else to do, left lying (25 MB
 * by the end of a first sync).
 */

export type ContentCoding = 'identity' | 'gzip' | 'br' | 'deflate';

export interface EncodedBody {
  bytes: Buffer;
  coding: ContentCoding;
}

/** The coding a Content-Encoding header names, or undefined for one this client does not read. */
export function contentCodingOf(header: unknown): ContentCoding | undefined {
  if (header === undefined || header === null) return 'identity';
  if (typeof header !== 'string') return undefined;
  const value = header.trim().toLowerCase();
  if (value === '' || value === 'identity') return 'identity';
  if (value === 'gzip' || value === 'x-gzip') return 'gzip';
  if (value === 'br' || value === 'deflate') return value;
  return undefined;
}

/**
 * The body's bytes, decoded, no more than `maxBytes` of them: a small
 * compressed answer that would inflate beyond the limit is refused like a
 * large one ("too large", which makes the sync ask for smaller pages).
 */
export function decodeBody(body: EncodedBody, maxBytes: number, name: RouteName): Buffer {
  if (body.coding === 'identity') {
    if (body.bytes.byteLength > maxBytes) throw tooLarge(name);
    return body.bytes;
  }
  const options = { maxOutputLength: maxBytes };
  try {
    if (body.coding === 'gzip') return gunzipSync(body.bytes, options);
    if (body.coding === 'br') return brotliDecompressSync(body.bytes, options);
    return inflateSync(body.bytes, options);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(name);
    throw new ServiceCallError('bad_response', `${name}: the ${body.coding} answer cannot be decoded: ${(error as Error).message}`);
  }
}

function tooLarge(name: RouteName): ServiceCallError {
  return new ServiceCallError('bad_response', `${name}: the answer is too large`);
}
