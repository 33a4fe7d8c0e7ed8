import type { Migration } from '../migrate';
import { m001Initial } from './001-initial';
import { m002Sync } from './002-sync';
import { m003Orders } from './003-orders';
import { m004Documents } from './004-documents';
import { m005OrderPdfSignatures } from './005-order-pdf-signatures';

/** In order; never edit a migration that has shipped, add the next one. */
export const migrations: readonly Migration[] = [m001Initial, m002Sync, m003Orders, m004Documents, m005OrderPdfSignatures];
