import { z } from 'zod';
import { ApiErrorSchema, type ApiErrorPayload } from './errors';

/**
 * What every transport carries back. Errors travel as data because Electron's
 * IPC reduces a thrown Error to its message, and the UI needs the code.
 */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiErrorPayload };

export const FailureEnvelopeSchema = z.object({ ok: z.literal(false), error: ApiErrorSchema });
export const EnvelopeShapeSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  FailureEnvelopeSchema,
]);
