import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, type PDFObject } from 'pdf-lib';
import { PdfError } from './errors';
import { lastPage, readStructure, type PdfStructure } from './structure';
import { pdfDate, pdfTextString } from './text-string';

/**
 * One incremental update (ISO 32000-1 §7.5.6) that adds a signature: an
 * invisible signature field on the last page, the /AcroForm that lists it
 * (with /SigFlags 3: signatures exist, append only), the /Sig value with a
 * fixed-size /Contents placeholder, and a cross-reference section whose
 * trailer points back at the previous one.
 *
 * Everything written is a pure function of the PDF before it and of the
 * signature's reason, signer name and signing time: that is what lets any
 * laptop rebuild a signed PDF from its base rendition and the CMS blobs
 * alone (assemble.ts). Hence no clock, no random field names, and numbers
 * that come from the previous revision only.
 */
export interface SignatureMeta {
  reason: string;
  /** Written to the second, in UTC. */
  signingTime: Date;
  /** The signer certificate's common name. */
  signerName: string;
}

/** Room for the DER CMS: ours are ~2.5 KB with one RSA-3072 certificate; a chain or a bigger key still fits. */
export const SIGNATURE_CONTENTS_BYTES = 16 * 1024;

/** `[0 a b c]` is written into this many characters, padded with spaces, once the offsets are known. */
const BYTE_RANGE_WIDTH = '[0 0000000000 0000000000 0000000000]'.length;

export interface PreparedIncrement {
  /** The PDF with the increment appended and /Contents still all zeros. */
  pdf: Uint8Array;
  byteRange: readonly [number, number, number, number];
  /** What the signature covers: the file without the /Contents hex string. */
  signedBytes: Uint8Array;
}

interface WrittenObject {
  ref: PDFRef;
  text: string;
}

function serialized(ref: PDFRef, value: PDFObject): WrittenObject {
  return { ref, text: value.toString() };
}

/** The array at `owner[key]` with `ref` appended: rewritten in place when it is an object of its own, set on `owner` when it is direct. */
function appendTo(structure: PdfStructure, owner: PDFDict, key: string, ref: PDFRef, rewrite: (object: WrittenObject) => void): number {
  const current = owner.get(PDFName.of(key));
  const copy = PDFArray.withContext(structure.context);
  if (current !== undefined) for (const item of structure.array(current, `/${key}`).asArray()) copy.push(item);
  const before = copy.size();
  copy.push(ref);
  if (current instanceof PDFRef) rewrite(serialized(current, copy));
  else owner.set(PDFName.of(key), copy);
  return before;
}

function sigDictionary(meta: SignatureMeta): string {
  return [
    '<<',
    '/Type /Sig',
    '/Filter /Adobe.PPKLite',
    '/SubFilter /adbe.pkcs7.detached',
    `/ByteRange ${' '.repeat(BYTE_RANGE_WIDTH)}`,
    `/Contents <${'0'.repeat(2 * SIGNATURE_CONTENTS_BYTES)}>`,
    `/M ${pdfDate(meta.signingTime)}`,
    `/Name ${pdfTextString(meta.signerName)}`,
    `/Reason ${pdfTextString(meta.reason)}`,
    '>>',
  ].join('\n');
}

function xrefSection(objects: readonly WrittenObject[], offsets: ReadonlyMap<number, number>): string {
  const numbers = objects.map((o) => o.ref.objectNumber).sort((a, b) => a - b);
  let text = 'xref\n';
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === (numbers[j] as number) + 1) j += 1;
    text += `${numbers[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k += 1) {
      const object = objects.find((o) => o.ref.objectNumber === numbers[k]) as WrittenObject;
      text += `${String(offsets.get(object.ref.objectNumber)).padStart(10, '0')} ${String(object.ref.generationNumber).padStart(5, '0')} n \n`;
    }
    i = j + 1;
  }
  return text;
}

/** The objects the increment writes: the new field and /Sig value, and the catalog, AcroForm, page or arrays they change. */
function signatureObjects(structure: PdfStructure, meta: SignatureMeta): { objects: WrittenObject[]; sigRef: PDFRef; size: number } {
  const rootRef = structure.trailer.get(PDFName.of('Root'));
  if (!(rootRef instanceof PDFRef)) throw new PdfError('malformed', 'the trailer has no /Root reference');
  const catalog = structure.dict(rootRef, 'the catalog');
  const pageRef = lastPage(structure, catalog);
  const page = structure.dict(pageRef, 'the last page');

  const rewritten = new Map<number, WrittenObject>();
  const rewrite = (object: WrittenObject): void => void rewritten.set(object.ref.objectNumber, object);
  let next = structure.size;
  const widgetRef = PDFRef.of(next++);
  const sigRef = PDFRef.of(next++);

  // The AcroForm: an object of its own from the first signature on, so later ones rewrite only it.
  const existing = catalog.get(PDFName.of('AcroForm'));
  const acroFormRef = existing instanceof PDFRef ? existing : PDFRef.of(next++);
  const acroForm = existing === undefined ? PDFDict.withContext(structure.context) : structure.dict(existing, '/AcroForm');
  const fieldCount = appendTo(structure, acroForm, 'Fields', widgetRef, rewrite);
  acroForm.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  rewrite(serialized(acroFormRef, acroForm));
  if (!(existing instanceof PDFRef)) {
    catalog.set(PDFName.of('AcroForm'), acroFormRef);
    rewrite(serialized(rootRef, catalog));
  }

  const annotsOwnObject = page.get(PDFName.of('Annots')) instanceof PDFRef;
  appendTo(structure, page, 'Annots', widgetRef, rewrite);
  if (!annotsOwnObject) rewrite(serialized(pageRef, page));
  // Invisible (zero rectangle), printable and locked; named by its position among the fields, never at random.
  rewrite({
    ref: widgetRef,
    text: `<<\n/Type /Annot\n/Subtype /Widget\n/FT /Sig\n/T (Signature${fieldCount + 1})\n/V ${sigRef.toString()}\n/F 132\n/Rect [0 0 0 0]\n/P ${pageRef.toString()}\n>>`,
  });
  rewrite({ ref: sigRef, text: sigDictionary(meta) });
  const objects = [...rewritten.values()].sort((a, b) => a.ref.objectNumber - b.ref.objectNumber);
  return { objects, sigRef, size: Math.max(next, structure.size) };
}

export function prepareIncrement(pdf: Uint8Array, meta: SignatureMeta): PreparedIncrement {
  const structure = readStructure(pdf);
  const { trailer } = structure;
  const { objects, sigRef, size } = signatureObjects(structure, meta);

  const offsets = new Map<number, number>();
  let increment = '\n';
  for (const object of objects) {
    offsets.set(object.ref.objectNumber, pdf.length + increment.length);
    increment += `${object.ref.objectNumber} ${object.ref.generationNumber} obj\n${object.text}\nendobj\n`;
  }
  const xrefOffset = pdf.length + increment.length;
  const kept = ['Root', 'Info', 'ID'].flatMap((key) => {
    const value = trailer.get(PDFName.of(key));
    return value === undefined ? [] : [`/${key} ${value.toString()}`];
  });
  increment += xrefSection(objects, offsets);
  increment += `trailer\n<<\n/Size ${size}\n${kept.join('\n')}\n/Prev ${structure.startxref}\n>>\nstartxref\n${xrefOffset}\n%%EOF\n`;

  if (/[\u0100-\uffff]/u.test(increment)) throw new PdfError('malformed', 'an object of the PDF cannot be rewritten byte for byte');
  const out = new Uint8Array(pdf.length + increment.length);
  out.set(pdf, 0);
  out.set(Buffer.from(increment, 'latin1'), pdf.length);

  const sigOffset = offsets.get(sigRef.objectNumber) as number;
  const sigText = `${sigRef.objectNumber} 0 obj\n${sigDictionary(meta)}`;
  const contentsStart = sigOffset + sigText.indexOf('/Contents <') + '/Contents '.length;
  const contentsEnd = contentsStart + 2 + 2 * SIGNATURE_CONTENTS_BYTES;
  const byteRange = [0, contentsStart, contentsEnd, out.length - contentsEnd] as const;
  const byteRangeText = `[${byteRange.join(' ')}]`.padEnd(BYTE_RANGE_WIDTH, ' ');
  out.set(Buffer.from(byteRangeText, 'latin1'), sigOffset + sigText.indexOf('/ByteRange ') + '/ByteRange '.length);

  const signedBytes = new Uint8Array(contentsStart + byteRange[3]);
  signedBytes.set(out.subarray(0, contentsStart), 0);
  signedBytes.set(out.subarray(contentsEnd), contentsStart);
  return { pdf: out, byteRange, signedBytes };
}

export function requireFits(cms: Uint8Array): void {
  if (cms.byteLength > SIGNATURE_CONTENTS_BYTES) {
    throw new PdfError('cms_too_large', `the signature is ${cms.byteLength} bytes; at most ${SIGNATURE_CONTENTS_BYTES} fit`);
  }
}

/** The prepared PDF with the CMS written into its /Contents placeholder (the rest of the placeholder stays zeros, which DER readers ignore). */
export function withContents(prepared: PreparedIncrement, cms: Uint8Array): Uint8Array {
  requireFits(cms);
  const out = prepared.pdf.slice();
  out.set(Buffer.from(Buffer.from(cms).toString('hex'), 'latin1'), prepared.byteRange[1] + 1);
  return out;
}
