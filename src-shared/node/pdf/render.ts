import { PDFDocument, PDFHexString } from 'pdf-lib';
import type { CertificateContent, InvoiceContent } from '../../service/documents';
import type { OrderContent } from '../../service/orders';
import { canonicalJsonBytes } from '../signing/canonical-json';
import { sha256 } from '../signing/digest';
import { Canvas } from './canvas';
import { drawDocument } from './document';
import { cachingFontkit, fontBytes } from './font';
import type { Language } from './messages';
import type { DocumentModel } from './model';
import { certificateModel } from './model-certificate';
import { invoiceModel } from './model-invoice';
import { orderModel } from './model-order';

/**
 * The PDF rendition of a document, deterministic: the same content and
 * language give the same bytes on every laptop and on the service, now and
 * later, because signers sign these bytes and only their CMS blobs travel
 * (src-shared/service/documents.ts). Hence: no clock (dates come from the
 * content), no random ids (the /ID is a digest of what is rendered; pdf-lib
 * names font subsets with a fixed-seed generator), pure-JS compression
 * (pdf-lib's pako, not the platform's zlib, whose output may differ between
 * builds), a bundled font, hand-written number and date formats, and
 * exactly pinned versions of pdf-lib, its fontkit and the font.
 *
 * A change to anything printed here (a word in messages.ts, a column width)
 * changes every rendition made after it, so PDF signatures made before it
 * no longer rebuild; the golden digests in tests/shared/pdf catch such a
 * change so that it is made on purpose.
 */
export type RenderableDocument =
  | { kind: 'order'; content: OrderContent }
  | { kind: 'invoice'; content: InvoiceContent; receipt?: never }
  | { kind: 'certificate'; content: CertificateContent };

export type { Language as DocumentLanguage };

function modelOf(doc: RenderableDocument, language: Language): DocumentModel {
  switch (doc.kind) {
    case 'order':
      return orderModel(doc.content, language);
    case 'invoice':
      return invoiceModel(doc.content, language);
    case 'certificate':
      return certificateModel(doc.content, language);
  }
}

export async function renderDocumentPdf(doc: RenderableDocument, language: Language): Promise<Uint8Array> {
  const model = modelOf(doc, language);
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(cachingFontkit);
  const fonts = {
    regular: await pdf.embedFont(fontBytes('regular'), { subset: true }),
    bold: await pdf.embedFont(fontBytes('bold'), { subset: true }),
  };
  drawDocument(new Canvas(pdf, fonts), model);

  pdf.setTitle(model.info.title, { showInWindowTitleBar: true });
  pdf.setAuthor(model.info.author);
  pdf.setSubject(model.info.subject);
  pdf.setCreator('Quartermaster');
  pdf.setProducer('Quartermaster');
  pdf.setLanguage(language === 'uk' ? 'uk-UA' : 'en-GB');
  pdf.setCreationDate(model.info.createdAt);
  pdf.setModificationDate(model.info.createdAt);
  // Two renditions are the same file exactly when they render the same content in the same language.
  const id = PDFHexString.of(sha256(canonicalJsonBytes({ kind: doc.kind, language, content: doc.content })).subarray(0, 16).toString('hex'));
  pdf.context.trailerInfo.ID = pdf.context.obj([id, id]);

  // A classic cross-reference table (no object streams): signature increments append to it (increment.ts).
  return pdf.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
}
