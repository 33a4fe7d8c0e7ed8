import { CHECK_MAX_FILE_BYTES } from '@shared/api/documents';

/** Why a file picked for checking was not read; each has a message under `check.fileErrors`. */
export type FileProblem = 'empty' | 'tooLarge';

export type ReadFile = { kind: 'ok'; name: string; base64: string; size: number } | { kind: 'invalid'; name: string; size: number; problem: FileProblem };

/** Bytes to base64 in slices, so a ten-megabyte PDF never becomes one giant argument list. */
export function bytesToBase64(bytes: Uint8Array): string {
  const SLICE = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += SLICE) binary += String.fromCharCode(...bytes.subarray(i, i + SLICE));
  return btoa(binary);
}

/**
 * A file the officer opened, as the core's documentCheck takes it. The size
 * is checked before a byte is read: an oversized file is refused with the
 * reason, not loaded into memory and sent only to be refused by the core.
 */
export async function readFileForCheck(file: File, maxBytes = CHECK_MAX_FILE_BYTES): Promise<ReadFile> {
  if (file.size === 0) return { kind: 'invalid', name: file.name, size: 0, problem: 'empty' };
  if (file.size > maxBytes) return { kind: 'invalid', name: file.name, size: file.size, problem: 'tooLarge' };
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { kind: 'ok', name: file.name, size: file.size, base64: bytesToBase64(bytes) };
}
