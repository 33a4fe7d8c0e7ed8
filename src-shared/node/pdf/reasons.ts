/**
 * The /Reason of each signature slot's incremental PDF signature. Bilingual
 * on purpose: the same words appear in a PDF viewer's signature panel
 * whichever language the document is rendered in, and they are part of the
 * signed bytes, so every laptop must write exactly these.
 */
export const pdfSignatureReasons = {
  orderer: 'Замовник / Orderer',
  supplier: 'Постачальник / Supplier',
  receiver: 'Отримувач / Receiver',
  commander: 'Командир / Commander',
  agency: 'Агенція / Agency',
} as const;

export type PdfSignatureSlot = keyof typeof pdfSignatureReasons;
