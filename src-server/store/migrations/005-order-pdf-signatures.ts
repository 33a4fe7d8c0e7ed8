import type { Migration } from '../migrate';

/**
 * Orders' PDF signatures (issue 6): beside the CMS over the content, the
 * orderer may sign the order's Ukrainian and English renditions as
 * incremental PDF signatures; their CMS blobs (base64) are kept with the
 * version they sign and published with the order. Orders signed before
 * have none (NULL).
 */
export const m005OrderPdfSignatures: Migration = {
  version: 5,
  name: 'order-pdf-signatures',
  up(db) {
    db.exec(`
ALTER TABLE orders ADD COLUMN pdf_uk TEXT;
ALTER TABLE orders ADD COLUMN pdf_en TEXT;
ALTER TABLE order_versions ADD COLUMN pdf_uk TEXT;
ALTER TABLE order_versions ADD COLUMN pdf_en TEXT;
`);
  },
};
