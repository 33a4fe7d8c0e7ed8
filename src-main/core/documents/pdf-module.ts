import type * as Pdf from '@shared/node/pdf';

/**
 * The PDF stack (pdf-lib, fontkit and the fonts), loaded the first time a
 * document is rendered, signed or checked rather than when the core
 * starts: it adds about 25 MB to the main process (measured by the sync
 * benchmark: 157 MB resident at the start of a first sync with it loaded,
 * 134 MB without), and a laptop syncing, browsing or ordering never needs
 * it. A failed load is not remembered, so the next use tries again.
 */
type PdfModule = typeof Pdf;

let loading: Promise<PdfModule> | undefined;

export function loadPdfModule(): Promise<PdfModule> {
  loading ??= import('@shared/node/pdf').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
