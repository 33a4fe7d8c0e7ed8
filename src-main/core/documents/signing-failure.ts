import { AppError } from '@shared/api/errors';

/** A signature that could not be made or does not verify here: never sent, and said so in the words orders use. */
export function signatureFailure(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const problem = (error as { problem?: unknown } | null)?.problem;
  return new AppError('signing.failed', 'The signature could not be made or does not verify; nothing was sent', typeof problem === 'string' ? { problem } : undefined);
}
