import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import { PdfError, asPdfError } from './errors';
import { readStructure, type PdfStructure } from './structure';

/**
 * The signatures of a PDF opened from disk, for checking offline: each
 * signature field's /ByteRange and /Contents, and the bytes the ranges
 * cover. What they are worth is verifyDetached's question (signedBytes is
 * its content); this only finds them, and refuses anything that is not a
 * well-formed signed PDF with a PdfError.
 */
export const MAX_PDF_BYTES = 10 * 1024 * 1024;
const MAX_FIELDS = 1000;
const MAX_FIELD_DEPTH = 8;

export interface PdfSignature {
  reason: string;
  /** The DER CMS, without the placeholder's zero padding. */
  cms: Buffer;
  /** The bytes the signature covers: the file up to its revision, less the /Contents hex string. */
  signedBytes: Buffer;
  byteRange: readonly [number, number, number, number];
}

function malformed(message: string): PdfError {
  return new PdfError('malformed', message);
}

/** Terminal signature fields with a value, walking /Kids: ours are flat, other writers nest. */
function signatureValues(structure: PdfStructure, fields: PDFArray): PDFDict[] {
  const values: PDFDict[] = [];
  let visited = 0;
  const visit = (node: PDFObject, inheritedType: PDFObject | undefined, depth: number): void => {
    visited += 1;
    if (visited > MAX_FIELDS || depth > MAX_FIELD_DEPTH) throw malformed('the form has too many fields or nests them too deep');
    const field = structure.dict(node, 'a form field');
    const type = field.get(PDFName.of('FT')) ?? inheritedType;
    const kids = structure.resolve(field.get(PDFName.of('Kids')));
    if (kids instanceof PDFArray) {
      for (const kid of kids.asArray()) visit(kid, type, depth + 1);
      return;
    }
    const value = field.get(PDFName.of('V'));
    if (type === PDFName.of('Sig') && value !== undefined) values.push(structure.dict(value, 'a signature value'));
  };
  for (const field of fields.asArray()) visit(field, undefined, 0);
  return values;
}

function byteRangeOf(sig: PDFDict, length: number): [number, number, number, number] {
  const value = sig.get(PDFName.of('ByteRange'));
  const numbers = value instanceof PDFArray ? value.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : NaN)) : [];
  const [start, contentsStart, contentsEnd, tail] = numbers;
  if (
    numbers.length !== 4 ||
    !numbers.every((n) => Number.isSafeInteger(n) && n >= 0) ||
    start !== 0 ||
    (contentsStart as number) >= (contentsEnd as number) ||
    (contentsEnd as number) + (tail as number) > length
  ) {
    throw malformed('a signature’s /ByteRange is not [0 a b c] within the file');
  }
  return [0, contentsStart as number, contentsEnd as number, tail as number];
}

/** The DER inside the zero-padded placeholder: its outer length says where it ends. */
function derPrefix(bytes: Uint8Array): Buffer {
  if (bytes[0] !== 0x30 || bytes.length < 2) throw malformed('a signature’s /Contents is not a DER SEQUENCE');
  const first = bytes[1] as number;
  let length = first;
  let header = 2;
  if (first & 0x80) {
    const octets = first & 0x7f;
    if (octets === 0 || octets > 4 || bytes.length < 2 + octets) throw malformed('a signature’s /Contents has an invalid DER length');
    length = 0;
    for (let i = 0; i < octets; i += 1) length = length * 256 + (bytes[2 + i] as number);
    header = 2 + octets;
  }
  const end = header + length;
  if (end > bytes.length || bytes.subarray(end).some((b) => b !== 0)) throw malformed('a signature’s /Contents is longer than its DER or padded with something other than zeros');
  return Buffer.from(bytes.subarray(0, end));
}

function textOf(value: PDFObject | undefined): string {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : '';
}

function readOne(structure: PdfStructure, sig: PDFDict): PdfSignature {
  const { bytes } = structure;
  const byteRange = byteRangeOf(sig, bytes.length);
  const [, contentsStart, contentsEnd, tail] = byteRange;
  // The gap the ranges leave out must be exactly the hex string /Contents holds: nothing else may go unsigned.
  const contents = sig.get(PDFName.of('Contents'));
  if (!(contents instanceof PDFHexString)) throw malformed('a signature’s /Contents is not a hex string');
  const gap = Buffer.from(bytes.subarray(contentsStart, contentsEnd)).toString('latin1');
  if (!/^<[0-9A-Fa-f]*>$/u.test(gap) || gap.length % 2 !== 0) throw malformed('a signature’s /ByteRange does not leave out exactly its /Contents');
  const inGap = Buffer.from(gap.slice(1, -1), 'hex');
  if (!inGap.equals(Buffer.from(contents.asBytes()))) throw malformed('a signature’s /ByteRange leaves out something other than its /Contents');
  return {
    reason: textOf(sig.get(PDFName.of('Reason'))),
    cms: derPrefix(inGap),
    signedBytes: Buffer.concat([bytes.subarray(0, contentsStart), bytes.subarray(contentsEnd, contentsEnd + tail)]),
    byteRange,
  };
}

/** Every signature of `pdf`, oldest first (by where its signed bytes end); [] for an unsigned PDF. */
export function readPdfSignatures(pdf: Uint8Array): PdfSignature[] {
  if (pdf.byteLength > MAX_PDF_BYTES) throw new PdfError('too_large', `the PDF is ${pdf.byteLength} bytes; at most ${MAX_PDF_BYTES} are accepted`);
  return asPdfError('malformed', 'the PDF cannot be read', () => {
    const structure = readStructure(pdf);
    const root = structure.trailer.get(PDFName.of('Root'));
    if (!(root instanceof PDFRef)) throw malformed('the trailer has no /Root reference');
    const catalog = structure.dict(root, 'the catalog');
    const acroForm = structure.resolve(catalog.get(PDFName.of('AcroForm')));
    if (acroForm === undefined) return [];
    if (!(acroForm instanceof PDFDict)) throw malformed('/AcroForm is not a dictionary');
    const fields = structure.resolve(acroForm.get(PDFName.of('Fields')));
    if (fields === undefined) return [];
    if (!(fields instanceof PDFArray)) throw malformed('/Fields is not an array');
    const signatures = signatureValues(structure, fields).map((sig) => readOne(structure, sig));
    return signatures.sort((a, b) => a.byteRange[2] + a.byteRange[3] - (b.byteRange[2] + b.byteRange[3]));
  });
}
