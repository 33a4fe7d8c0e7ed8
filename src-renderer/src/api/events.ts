import { CoreEventSchema, type CoreEvent } from '@shared/api/contract';

/** An event from any transport, trusted only once the contract's schema accepts it. */
export function parseCoreEvent(raw: unknown): CoreEvent | undefined {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw) as unknown;
    } catch {
      console.warn('Ignored a core event that is not JSON');
      return undefined;
    }
  }
  const parsed = CoreEventSchema.safeParse(value);
  if (!parsed.success) {
    console.warn('Ignored a core event that does not match the contract');
    return undefined;
  }
  return parsed.data;
}
