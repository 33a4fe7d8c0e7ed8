/**
 * PDF text strings (ISO 32000-1 §7.9.2.2) for names and reasons: UTF-16BE
 * with a byte-order mark, written as a hex string so that the increment
 * stays plain ASCII whatever the language.
 */
export function pdfTextString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i += 1) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}

/** A date as PDF writes it (§7.9.4), in UTC, to the second. */
export function pdfDate(at: Date): string {
  const iso = at.toISOString();
  return `(D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z)`;
}
