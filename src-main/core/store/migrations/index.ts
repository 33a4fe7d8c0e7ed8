import type { Migration } from '../migrate';
import * as m0001 from './0001_settings';
import * as m0002 from './0002_identity';
import * as m0003 from './0003_sync';
import * as m0004 from './0004_catalog';
import * as m0005 from './0005_orders';
import * as m0006 from './0006_documents';
import * as m0007 from './0007_product_details_by_rid';

/**
 * Every schema step, in order. A new step is a new file `NNNN_<name>.ts`
 * exporting `version`, `name` and `up`, appended here, with its own test in
 * tests/core/migrations/. Never edit or reorder a step that has shipped.
 */
export const migrations: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007];
