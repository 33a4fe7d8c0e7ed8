/**
 * Why a PDF could not be read, signed or rebuilt. PDFs come from disk and
 * signatures from other laptops: every failure in this folder surfaces as a
 * PdfError with one of these stable codes (the UI maps them to its words;
 * messages are English, for logs and developers).
 */
export type PdfProblem =
  /** Larger than MAX_PDF_BYTES. */
  | 'too_large'
  /** No PDF header or no cross-reference table at the end. */
  | 'not_pdf'
  /** A valid PDF this reader does not handle: encrypted, or with cross-reference streams. */
  | 'unsupported_structure'
  /** Broken cross-references, objects or signature dictionaries. */
  | 'malformed'
  /** A CMS blob that cannot be read for its signer's name, signing time and digest. */
  | 'cms_unreadable'
  /** A CMS larger than the space an incremental signature reserves for it. */
  | 'cms_too_large'
  /** A CMS that was not made over this PDF with these details: rebuilding would not give what was signed. */
  | 'cms_mismatch';

export class PdfError extends Error {
  override name = 'PdfError';

  constructor(
    readonly problem: PdfProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
  }
}

/** Runs `work`, letting PdfErrors through and turning anything else (a parser's own exception, a stack overflow) into `problem`. */
export function asPdfError<T>(problem: PdfProblem, what: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof PdfError) throw error;
    throw new PdfError(problem, `${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
