/**
 * Documents as PDFs: deterministic renditions (render.ts), incremental PDF
 * signatures that any laptop can rebuild from the CMS blobs alone
 * (sign.ts), and reading the signatures of a PDF opened from disk
 * (read-signatures.ts).
 */
export { renderDocumentPdf, type RenderableDocument, type DocumentLanguage } from './render';
export { signPdfIncrement, assembleSignedPdf } from './sign';
export { SIGNATURE_CONTENTS_BYTES, type SignatureMeta } from './increment';
export { readPdfSignatures, MAX_PDF_BYTES, type PdfSignature } from './read-signatures';
export { pdfSignatureReasons, type PdfSignatureSlot } from './reasons';
export { PdfError, type PdfProblem } from './errors';
