import type { z } from 'zod';
import type { RouteName } from '@shared/service/routes';
import { ServiceCallError } from './call-error';

/**
 * A successful answer's JSON text, read against its route's schema: the
 * data, or a ServiceCallError saying why not. Apart from http.ts (axios), so
 * that the pull worker can read answers without loading an HTTP client.
 */
export function readAnswer<T>(schema: z.ZodType<T>, text: string, name: RouteName): T {
  const body = parseJson(text);
  if (!body.ok) throw new ServiceCallError('bad_response', `${name}: the answer is not JSON (not a Quartermaster service?)`);
  const parsed = schema.safeParse(body.value);
  if (!parsed.success) throw new ServiceCallError('bad_response', `${name}: the answer does not match the contract: ${parsed.error.message.slice(0, 500)}`);
  return parsed.data;
}

export function parseJson(text: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof text !== 'string') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
