import type { ExportedFile } from '@shared/api/documents';

/** Base64 (as the core sends file contents) to bytes, without going through a string of binary characters twice. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Hands a file the core produced to the officer. The renderer never touches
 * the disk: a download link does it. In Electron the shell turns the
 * download into the native save dialog; in browser mode it is the browser's
 * own download, which the officer controls as usual.
 */
export function saveExportedFile(file: ExportedFile): void {
  const blob = new Blob([base64ToBytes(file.base64)], { type: file.mimeType });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once the click's task is over; a minute is generous for a slow save dialog.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
