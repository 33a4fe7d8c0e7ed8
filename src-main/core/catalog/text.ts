/**
 * Text folding for the catalogue's full-text index and its sort key.
 *
 * The same `foldForSearch` runs over everything indexed and over every query,
 * so whatever it folds, it folds on both sides:
 * - case (Cyrillic and Latin), and Unicode composition (NFC);
 * - apostrophes of every kind (’ ' ʼ ‘ ` ´ ′) are dropped, joining the word:
 *   «роз’єм», «роз'єм» and «розʼєм» are all «розєм» (SQLite's tokenizer
 *   would otherwise split two of them and keep the third, a letter, whole);
 * - hyphens and dashes (- ‐ ‑ – — …) and underscores become spaces:
 *   «Вежа-10» is «вежа 10», «720–1020» is «720 1020»;
 * - a dot or comma between digits is a decimal point, kept as '.', which the
 *   index treats as part of a token: «5.8», «5,8» are the one token «5.8»;
 *   every other dot or comma is a space;
 * - ґ→г and ї→і (people type the plain letters), and the Russian letters
 *   ё→е, э→е, ы→и, ъ dropped, so «рэб» finds «РЕБ».
 * Latin diacritics are removed by the tokenizer itself (remove_diacritics 2).
 * The index's facet tokens start with '_', which folding never leaves in
 * text, so no query can reach them except the ones search.ts adds.
 */

const APOSTROPHES = /['’ʼ‘`´′ʹ]/gu;
const SEPARATORS = /[\p{Pd}_]|(?<!\d)[.,]|[.,](?!\d)/gu;
const FOLDED_LETTERS = /[ґїёэыъ]/gu;
const LETTER_FOLDS: Readonly<Record<string, string>> = { ґ: 'г', ї: 'і', ё: 'е', э: 'е', ы: 'и', ъ: '' };
const foldLetter = (letter: string): string => LETTER_FOLDS[letter] ?? letter;

export function foldForSearch(text: string): string {
  return (
    text
      .normalize('NFC')
      .toLowerCase()
      .replace(APOSTROPHES, '')
      // Dashes, underscores, and dots or commas not between two digits separate words; the commas left are decimal points.
      .replace(SEPARATORS, ' ')
      .replaceAll(',', '.')
      .replace(FOLDED_LETTERS, foldLetter)
  );
}

/**
 * Query tokens: letters and digits, and the '.' the index keeps inside
 * numbers. SQLite's unicode61 tokenizer knows the letters of Unicode 6.1;
 * a letter it does not know would split a quoted token into a phrase, which
 * an index without positions refuses. So query tokens take letters and
 * digits only from the Latin, Greek and Cyrillic blocks as they were in 6.1
 * (below U+0528, less U+037F); anything else separates (the catalogue is
 * Ukrainian and English).
 */
const QUERY_TOKEN = /(?:[\p{L}\p{N}](?<=[\u0030-\u0527])(?<!\u037F)|\.)+/gu;

/**
 * The longest prefix the indexes keep (migration 0004: prefix = '1 … 8'). A
 * typed word longer than that matches by its first 8 characters: a longer
 * prefix would make SQLite merge the lists of every term it starts, which
 * costs milliseconds, and Ukrainian endings vary anyway («тепловізор»,
 * «тепловізійний»).
 */
export const MAX_PREFIX = 8;

/** At most this many words of a query are used: 200 characters never need more, and it bounds the cost. */
export const MAX_QUERY_WORDS = 12;

export interface QueryWord {
  /** The word's tokens, as the index holds them. */
  tokens: string[];
  /** The FTS5 expression for the word: its tokens, quoted, the last as a prefix, ANDed: `"во" AND "1"*`. */
  term: string;
}

/**
 * The words of free text as FTS5 terms; an empty list when the text has
 * nothing to search for. Never passes the officer's syntax through: every
 * whitespace-separated word becomes its tokens, each quoted, the last with a
 * prefix star (and cut to MAX_PREFIX characters) («5.8» → `"5.8"*`, «ВО-1» → `"во" AND "1"*`: the index keeps
 * no positions, so a hyphenated word matches its parts anywhere), which
 * search.ts ANDs together. `"`, `AND OR *`, `NEAR(` are plain words, or
 * nothing. Quotes cannot occur inside a term: tokens are letters, digits
 * and '.' only.
 */
export function queryWords(text: string): QueryWord[] {
  const words: QueryWord[] = [];
  // Split first, fold after: a hyphen inside a word («ВО-1») keeps its parts together as one word.
  for (const part of text.split(/\s+/u)) {
    const tokens = (foldForSearch(part).match(QUERY_TOKEN) ?? []).map((token) => token.replace(/^\.+|\.+$/gu, '')).filter((token) => token.length > 0);
    if (tokens.length === 0) continue;
    const quoted = tokens.map((token, index) => (index === tokens.length - 1 ? `"${[...token].slice(0, MAX_PREFIX).join('')}"*` : `"${token}"`));
    const term = quoted.length === 1 ? (quoted[0] as string) : `(${quoted.join(' AND ')})`;
    if (!words.some((word) => word.term === term)) words.push({ tokens, term });
    if (words.length === MAX_QUERY_WORDS) break;
  }
  return words;
}

/** Ukrainian alphabetical order, then the Russian letters where a Ukrainian reader would look for them. */
const CYRILLIC_ORDER = 'абвгґдеєжзиіїйклмнопрстуфхцчшщьюя';
const CYRILLIC_EXTRA: Readonly<Record<string, string>> = { ё: 'е', э: 'е', ы: 'и', ъ: 'ь' };
const CYRILLIC_BASE = 0x0400;
const LATIN_BASE = 0x0500;

/** Sort-key characters of the letters that need one: Cyrillic in alphabet order, then a–z. */
const LETTER_KEYS = new Map<string, string>([
  ...[...CYRILLIC_ORDER].map((letter, index) => [letter, String.fromCharCode(CYRILLIC_BASE + index)] as const),
  ...Object.entries(CYRILLIC_EXTRA).map(([letter, as]) => [letter, String.fromCharCode(CYRILLIC_BASE + CYRILLIC_ORDER.indexOf(as))] as const),
  ...[...'abcdefghijklmnopqrstuvwxyz'].map((letter, index) => [letter, String.fromCharCode(LATIN_BASE + index)] as const),
]);
const APOSTROPHE_CHARS = new Set(["'", '’', 'ʼ', '‘', '`', '´', '′', 'ʹ']);
const LETTER = /[\p{L}\p{M}]/u;

/** A letter without a table entry: accented Latin as its base letter (é as e), anything else as itself. */
function otherLetterKey(char: string): string {
  return LETTER_KEYS.get(char.normalize('NFD').charAt(0)) ?? char;
}

/**
 * A key whose binary (memcmp) order is the order an officer expects a list of
 * names in: digits first, numbers by value («Вежа-7» before «Вежа-10»),
 * Cyrillic before Latin, Ukrainian letters in alphabet order (є after е,
 * і and ї after и, ґ after г), case, apostrophes and punctuation ignored.
 * SQLite compares UTF-8 bytes, which keeps code point order.
 */
export function nameSortKey(name: string): string {
  const text = name.normalize('NFC').toLowerCase();
  let key = '';
  let digits = '';
  let gap = false;
  const flushDigits = (): void => {
    if (digits === '') return;
    // Length first, so longer numbers sort after shorter ones; up to 9 significant digits compare exactly.
    const trimmed = digits.replace(/^0+(?=\d)/u, '');
    key += String.fromCharCode(0x30 + Math.min(trimmed.length, 9)) + trimmed;
    digits = '';
  };
  for (const char of text) {
    if (char >= '0' && char <= '9') {
      if (gap && key !== '' && digits === '') key += ' ';
      gap = false;
      digits += char;
      continue;
    }
    flushDigits();
    const letter = LETTER_KEYS.get(char) ?? (LETTER.test(char) ? otherLetterKey(char) : undefined);
    if (letter !== undefined) {
      if (gap && key !== '') key += ' ';
      gap = false;
      key += letter;
    } else if (!APOSTROPHE_CHARS.has(char)) {
      gap = true;
    }
  }
  flushDigits();
  return key;
}
