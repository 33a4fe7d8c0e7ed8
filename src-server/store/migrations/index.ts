import type { Migration } from '../migrate';
import { m001Initial } from './001-initial';

/** In order; never edit a migration that has shipped, add the next one. */
export const migrations: readonly Migration[] = [m001Initial];
