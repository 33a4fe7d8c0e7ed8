import type { ProductCategory } from '@shared/api/contract';
import { ProductSpecsSchema, type ProductSpecs } from '@shared/service/catalogue';
import { foldForSearch } from './text';

export type SpecValue = string | number | boolean | string[];
export interface SpecRow {
  key: string;
  value: SpecValue;
}

/** Display order of the specification table: the order the shared schema declares its fields in. */
export const SPEC_ORDER: readonly string[] = Object.keys(ProductSpecsSchema.shape);

/**
 * The specifications as ordered `{key, value}` rows (keys are ProductSpecs
 * field names, which the UI translates). Fields the schema does not know (a
 * newer service) follow in their own order; values of other types are dropped.
 */
export function specRows(specs: Readonly<Record<string, unknown>>): SpecRow[] {
  const known = SPEC_ORDER.filter((key) => Object.hasOwn(specs, key));
  const extra = Object.keys(specs).filter((key) => !SPEC_ORDER.includes(key));
  const rows: SpecRow[] = [];
  for (const key of [...known, ...extra]) {
    const value = specs[key];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') rows.push({ key, value });
    else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) rows.push({ key, value: [...value] });
  }
  return rows;
}

/** Words a search should find a product by, for the values that are codes rather than text. */
const VIDEO_LINK_WORDS: Readonly<Record<string, string>> = {
  analogue: 'аналоговий analogue analog',
  digital: 'цифровий digital',
  fibre_optic: 'оптоволокно оптоволоконний fibre fiber optic',
};
const DRIVE_WORDS: Readonly<Record<string, string>> = { tracked: 'гусеничний tracked', wheeled: 'колісний wheeled' };

/**
 * The specifications flattened to the text the index holds: every text
 * value as written ("5.8 GHz", "720–1020 MHz (ELRS)", "тепловізор 640×512"),
 * code values as words in both languages, and the few numbers an officer
 * types (frame size, battery capacity, fibre length). Other figures (range,
 * weight, speed) are left out: they only add noise to a prefix search.
 */
export function specSearchText(specs: ProductSpecs): string {
  const parts: string[] = [];
  for (const key of SPEC_ORDER) {
    const value = (specs as Record<string, unknown>)[key];
    if (value === undefined) continue;
    switch (key) {
      case 'videoLink':
        parts.push(VIDEO_LINK_WORDS[value as string] ?? String(value));
        break;
      case 'drive':
        parts.push(DRIVE_WORDS[value as string] ?? String(value));
        break;
      case 'thermalCamera':
        if (value === true) parts.push('тепловізор тепловізійний thermal');
        break;
      case 'frameSizeInch':
        parts.push(`${String(value)}"`);
        break;
      case 'capacityMah':
        parts.push(`${String(value)} mAh`);
        break;
      case 'fibreLengthKm':
        parts.push(`${String(value)} km`);
        break;
      default:
        if (typeof value === 'string') parts.push(value);
        else if (Array.isArray(value)) parts.push(value.join(' · '));
    }
  }
  return parts.join(' · ');
}

/**
 * Words for each category, in Ukrainian and English, that find the whole
 * class: «РЕБ», «EW», «НРК», «перехоплювач». They are matched at query time
 * against the category facets (search.ts), not stored with every product, so
 * they cost the index nothing and can change without re-indexing. The UI's
 * own category labels are its translations; these are search terms only.
 */
export const CATEGORY_SEARCH_WORDS: Readonly<Record<ProductCategory, string>> = {
  fpv_strike: 'FPV ударний дрон strike drone',
  recon_quadcopter: 'розвідувальний квадрокоптер розвідка recon quadcopter дрон drone',
  fixed_wing_recon: 'розвідувальний БпЛА літакового типу крило fixed wing recon UAV',
  heavy_bomber: 'важкий бомбер бомбардувальник heavy bomber',
  interceptor: 'перехоплювач interceptor дрон drone',
  ew: 'РЕБ радіоелектронна боротьба EW electronic warfare',
  ground_robot: 'НРК наземний роботизований комплекс ground robot UGV',
  component: 'комплектуючі компонент component',
};

const CATEGORY_TOKENS: ReadonlyArray<readonly [ProductCategory, readonly string[]]> = Object.entries(CATEGORY_SEARCH_WORDS).map(
  ([category, words]) => [category as ProductCategory, foldForSearch(words).split(/\s+/u)] as const,
);

/** The categories one of whose words starts with `token` (a folded query token). */
export function categoriesMatching(token: string): ProductCategory[] {
  return CATEGORY_TOKENS.filter(([, words]) => words.some((word) => word.startsWith(token))).map(([category]) => category);
}
