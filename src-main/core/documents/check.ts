import { CHECK_MAX_FILE_BYTES, type DocumentCheckReport, type SignatureVerdict } from '@shared/api/documents';
import { AppError } from '@shared/api/errors';
import { signerView, type DocumentTrust } from '@shared/node/documents';
import type { PdfSignature } from '@shared/node/pdf';
import { pdfSignatureReasons, type PdfSignatureSlot } from '@shared/node/pdf/reasons';
import { SignatureError, signerHolds, verifySignature, type SignerIdentity, type SignerRole } from '@shared/node/signing';
import { loadPdfModule } from './pdf-module';
import { recogniseContent, recognisePdf } from './recognise';
import type { Db } from '../store/db';

/**
 * Checking a document from outside (issue 6, item 5): a signed PDF, or a
 * document file with its detached .p7s, opened from disk. Offline, against
 * the CA certificates this laptop holds: who signed, when, in which role,
 * and whether it verifies. A file that cannot be read as either is refused
 * with a translated error; a signature that does not verify is reported,
 * not thrown.
 */

export interface CheckFile {
  name: string;
  base64: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/u;

function unreadable(message: string, params?: Record<string, string | number>): AppError {
  return new AppError('document.unreadable', message, params);
}

function decode(file: CheckFile): Buffer {
  const text = file.base64.replace(/\s+/gu, '');
  if (!BASE64.test(text)) throw unreadable(`${file.name} is not base64`, { name: file.name });
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length === 0) throw unreadable(`${file.name} is empty`, { name: file.name });
  if (bytes.length > CHECK_MAX_FILE_BYTES) throw unreadable(`${file.name} is larger than ${CHECK_MAX_FILE_BYTES} bytes`, { name: file.name });
  return bytes;
}

const isPdf = (bytes: Buffer): boolean => bytes.subarray(0, 5).toString('latin1') === '%PDF-';
/** A DER SEQUENCE: how every CMS ContentInfo begins. */
const isDer = (bytes: Buffer): boolean => bytes[0] === 0x30;

/** The role a slot's signer must hold (a person's role, or the kind of organisation). */
const slotRoles: Record<PdfSignatureSlot, SignerRole> = {
  orderer: 'orderer',
  supplier: 'supplier',
  receiver: 'receiver',
  commander: 'commander',
  agency: 'agency',
};

function slotOfReason(reason: string): PdfSignatureSlot | null {
  const found = (Object.entries(pdfSignatureReasons) as Array<[PdfSignatureSlot, string]>).find(([, text]) => text === reason);
  return found ? found[0] : null;
}

/**
 * One signature judged: the cryptography and the CA; then, when the slot
 * calls for one, whether the signer may sign in it (a receipt signed by
 * someone without the receiver role is not a receipt). The slot may depend
 * on who signed (a certificate's three signers sign one content).
 */
function judge(
  content: Uint8Array,
  cms: Uint8Array,
  trust: DocumentTrust,
  slotOf: (signer: SignerIdentity | null) => string,
  roleOf: (signer: SignerIdentity) => SignerRole | null,
): SignatureVerdict {
  try {
    const verified = verifySignature(content, cms, trust);
    const required = roleOf(verified.signer);
    const problem = required !== null && !signerHolds(verified.signer, required) ? 'role_missing' : null;
    return {
      slot: slotOf(verified.signer),
      valid: problem === null,
      problem,
      signer: signerView(verified.signer),
      signingTime: verified.signingTime.toISOString(),
    };
  } catch (error) {
    return { slot: slotOf(null), valid: false, problem: error instanceof SignatureError ? error.problem : 'malformed', signer: null, signingTime: null };
  }
}

async function checkPdf(db: Db, bytes: Buffer, trust: DocumentTrust): Promise<DocumentCheckReport> {
  const { readPdfSignatures } = await loadPdfModule();
  let signatures: PdfSignature[];
  try {
    signatures = readPdfSignatures(bytes);
  } catch (error) {
    throw unreadable(`The PDF cannot be read: ${(error as Error).message}`);
  }
  const recognised = recognisePdf(db, signatures[0]?.cms);
  return {
    format: 'pdf',
    documentKind: recognised?.kind ?? null,
    documentNumber: recognised?.number ?? null,
    signatures: signatures.map((signature) => {
      const slot = slotOfReason(signature.reason);
      return judge(signature.signedBytes, signature.cms, trust, () => slot ?? signature.reason, () => (slot ? slotRoles[slot] : null));
    }),
  };
}

/** A certificate's three signers sign one content: the slot is told by who signed. */
function certificateSlot(signer: SignerIdentity | null): string {
  if (!signer) return 'unknown';
  return signer.kind === 'person' ? 'commander' : signer.kind;
}

/** Content that is none of ours: the signer's own role or kind is all there is to say. */
function signerSlot(signer: SignerIdentity | null): string {
  if (!signer) return 'unknown';
  return signer.kind === 'person' ? (signer.roles[0] ?? 'unknown') : signer.kind;
}

function checkDetached(db: Db, content: Buffer, signature: Buffer, trust: DocumentTrust): DocumentCheckReport {
  const recognised = recogniseContent(db, content);
  const slot = recognised?.slot ?? null;
  const verdict =
    slot !== null
      ? judge(content, signature, trust, () => slot, () => slotRoles[slot])
      : recognised?.kind === 'certificate'
        ? judge(content, signature, trust, certificateSlot, (signer) => (signer.kind === 'person' ? 'commander' : null))
        : judge(content, signature, trust, signerSlot, () => null);
  return { format: 'detached', documentKind: recognised?.kind ?? null, documentNumber: recognised?.number ?? null, signatures: [verdict] };
}

export async function checkDocumentFiles(db: Db, files: readonly CheckFile[], trust: DocumentTrust): Promise<DocumentCheckReport> {
  const [first, second] = files.map(decode);
  if (!first) throw unreadable('No file to check');
  if (!second) {
    if (!isPdf(first)) throw unreadable('A single file must be a signed PDF; a document needs its .p7s beside it');
    return checkPdf(db, first, trust);
  }
  // Either order: the .p7s is the DER one (a JSON document begins with "{", a PDF with "%PDF").
  const [content, signature] = isDer(second) && !isDer(first) ? [first, second] : isDer(first) && !isDer(second) ? [second, first] : [];
  if (!content || !signature) throw unreadable('Of two files, one must be the document and the other its detached .p7s signature');
  return checkDetached(db, content, signature, trust);
}
