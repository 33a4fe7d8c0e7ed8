import { PDFArray, PDFContext, PDFDict, PDFName, PDFNumber, PDFObjectParser, PDFRef, type PDFObject } from 'pdf-lib';
import { PdfError, asPdfError } from './errors';

/**
 * Just enough of a PDF reader to add to and read signatures from the files
 * this folder writes: a classic cross-reference table at the end, each
 * update's table pointing at the one before by /Prev (ISO 32000-1 §7.5.4,
 * §7.5.6), and objects parsed by pdf-lib's object parser, which is
 * synchronous where its document loader is not. Cross-reference streams
 * and encryption are refused as `unsupported_structure`: neither pdf-lib's
 * output as saved in render.ts nor our increments use them.
 */

/** Far more than three signatures need; a loop of /Prev pointers ends here too. */
const MAX_SECTIONS = 64;
const MAX_OBJECT_NUMBER = 1_000_000;

const latin1 = new TextDecoder('latin1');
const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);

interface XrefEntry {
  offset: number;
  generation: number;
}

export interface PdfStructure {
  readonly bytes: Uint8Array;
  /** pdf-lib's object factory, for arrays and dictionaries made while editing. */
  readonly context: PDFContext;
  /** Where the last cross-reference section starts (the final `startxref`). */
  readonly startxref: number;
  /** The newest trailer. */
  readonly trailer: PDFDict;
  /** One more than the highest object number in use (the newest trailer's /Size). */
  readonly size: number;
  /** The object a reference names, as of the newest revision. */
  lookup(ref: PDFRef): PDFObject;
  /** `value` itself, or what it refers to. */
  resolve(value: PDFObject | undefined): PDFObject | undefined;
  dict(value: PDFObject | undefined, what: string): PDFDict;
  array(value: PDFObject | undefined, what: string): PDFArray;
}

function malformed(message: string): PdfError {
  return new PdfError('malformed', message);
}

/** A cursor over bytes for the line-oriented parts: `xref` sections and object headers. */
class Tokens {
  constructor(
    private readonly bytes: Uint8Array,
    public at: number,
  ) {}

  private skipWhitespace(): void {
    while (this.at < this.bytes.length && WHITESPACE.has(this.bytes[this.at] as number)) this.at += 1;
  }

  next(): string {
    this.skipWhitespace();
    const start = this.at;
    while (this.at < this.bytes.length && !WHITESPACE.has(this.bytes[this.at] as number) && this.at - start < 32) this.at += 1;
    return latin1.decode(this.bytes.subarray(start, this.at));
  }

  integer(what: string): number {
    const token = this.next();
    if (!/^\d{1,10}$/u.test(token)) throw malformed(`${what} is not a number: ${JSON.stringify(token.slice(0, 20))}`);
    return Number(token);
  }

  /** Consumes `word` when the next token starts with it (`trailer<<` has no space to split on). */
  keyword(word: string): boolean {
    this.skipWhitespace();
    if (latin1.decode(this.bytes.subarray(this.at, this.at + word.length)) !== word) return false;
    this.at += word.length;
    return true;
  }
}

function lastStartxref(bytes: Uint8Array): number {
  const tail = latin1.decode(bytes.subarray(Math.max(0, bytes.length - 1024)));
  const match = /startxref\s+(\d{1,10})\s+%%EOF\s*$/u.exec(tail);
  if (!match) throw new PdfError('not_pdf', 'the file does not end with startxref and %%EOF');
  const offset = Number(match[1]);
  if (offset >= bytes.length) throw malformed('startxref points past the end of the file');
  return offset;
}

function parseObjectAt(bytes: Uint8Array, at: number, context: PDFContext, what: string): PDFObject {
  return asPdfError('malformed', what, () => PDFObjectParser.forBytes(bytes.subarray(at), context).parseObject());
}

/** One `xref … trailer <<…>>` section: its entries go into `entries` unless a newer section set them already. */
function readSection(bytes: Uint8Array, offset: number, context: PDFContext, entries: Map<number, XrefEntry | null>): PDFDict {
  const tokens = new Tokens(bytes, offset);
  const keyword = tokens.next();
  if (keyword !== 'xref') {
    if (/^\d+$/u.test(keyword)) throw new PdfError('unsupported_structure', 'the file uses a cross-reference stream');
    throw malformed(`no cross-reference table at offset ${offset}`);
  }
  while (!tokens.keyword('trailer')) {
    const first = tokens.integer('a cross-reference subsection start');
    const count = tokens.integer('a cross-reference subsection length');
    if (first + count > MAX_OBJECT_NUMBER) throw malformed('a cross-reference subsection is implausibly large');
    for (let i = 0; i < count; i += 1) {
      const entryOffset = tokens.integer('a cross-reference offset');
      const generation = tokens.integer('a generation number');
      const kind = tokens.next();
      if (kind !== 'n' && kind !== 'f') throw malformed(`a cross-reference entry is neither in use nor free: ${JSON.stringify(kind)}`);
      if (!entries.has(first + i)) entries.set(first + i, kind === 'n' ? { offset: entryOffset, generation } : null);
    }
  }
  const trailer = parseObjectAt(bytes, tokens.at, context, 'the trailer');
  if (!(trailer instanceof PDFDict)) throw malformed('the trailer is not a dictionary');
  return trailer;
}

export function readStructure(bytes: Uint8Array): PdfStructure {
  if (latin1.decode(bytes.subarray(0, 5)) !== '%PDF-') throw new PdfError('not_pdf', 'the file does not start with %PDF-');
  const context = PDFContext.create();
  const startxref = lastStartxref(bytes);
  const entries = new Map<number, XrefEntry | null>();

  let trailer: PDFDict | undefined;
  const seen = new Set<number>();
  for (let offset: number | undefined = startxref; offset !== undefined; ) {
    if (seen.has(offset) || seen.size >= MAX_SECTIONS) throw malformed('the chain of cross-reference sections loops or is too long');
    seen.add(offset);
    const sectionTrailer = readSection(bytes, offset, context, entries);
    trailer ??= sectionTrailer;
    const prev = sectionTrailer.get(PDFName.of('Prev'));
    if (prev !== undefined && !(prev instanceof PDFNumber)) throw malformed('/Prev is not a number');
    offset = prev?.asNumber();
    if (offset !== undefined && (!Number.isInteger(offset) || offset < 0 || offset >= bytes.length)) throw malformed('/Prev points outside the file');
  }
  if (!trailer) throw malformed('no trailer');
  if (trailer.has(PDFName.of('Encrypt'))) throw new PdfError('unsupported_structure', 'the file is encrypted');
  const sizeValue = trailer.get(PDFName.of('Size'));
  if (!(sizeValue instanceof PDFNumber) || !Number.isInteger(sizeValue.asNumber()) || sizeValue.asNumber() > MAX_OBJECT_NUMBER) {
    throw malformed('the trailer has no valid /Size');
  }

  const cache = new Map<number, PDFObject>();
  const lookup = (ref: PDFRef): PDFObject => {
    const cached = cache.get(ref.objectNumber);
    if (cached) return cached;
    const entry = entries.get(ref.objectNumber);
    if (!entry || entry.generation !== ref.generationNumber) throw malformed(`object ${ref.objectNumber} ${ref.generationNumber} is not in the file`);
    if (entry.offset >= bytes.length) throw malformed(`object ${ref.objectNumber} lies past the end of the file`);
    const header = new Tokens(bytes, entry.offset);
    const number = header.integer('an object number');
    const generation = header.integer('a generation number');
    if (number !== ref.objectNumber || generation !== ref.generationNumber || !header.keyword('obj')) {
      throw malformed(`the cross-reference entry of object ${ref.objectNumber} does not point at it`);
    }
    const object = parseObjectAt(bytes, header.at, context, `object ${ref.objectNumber}`);
    cache.set(ref.objectNumber, object);
    return object;
  };
  const resolve = (value: PDFObject | undefined): PDFObject | undefined => (value instanceof PDFRef ? lookup(value) : value);

  return {
    bytes,
    context,
    startxref,
    trailer,
    size: sizeValue.asNumber(),
    lookup,
    resolve,
    dict(value, what) {
      const resolved = resolve(value);
      if (!(resolved instanceof PDFDict)) throw malformed(`${what} is not a dictionary`);
      return resolved;
    },
    array(value, what) {
      const resolved = resolve(value);
      if (!(resolved instanceof PDFArray)) throw malformed(`${what} is not an array`);
      return resolved;
    },
  };
}

/** The last page in document order: where the signature widgets go (the signature slots are printed at the end). */
export function lastPage(structure: PdfStructure, catalog: PDFDict): PDFRef {
  let node: PDFObject | undefined = catalog.get(PDFName.of('Pages'));
  for (let depth = 0; depth < 32; depth += 1) {
    if (!(node instanceof PDFRef)) throw malformed('a page tree node is not an indirect object');
    const dict = structure.dict(node, 'a page tree node');
    const type = dict.get(PDFName.of('Type'));
    if (type === PDFName.of('Page')) return node;
    if (type !== PDFName.of('Pages')) throw malformed('a page tree node is neither /Pages nor /Page');
    const kids = structure.array(dict.get(PDFName.of('Kids')), '/Kids');
    if (kids.size() === 0) throw malformed('a page tree node has no kids');
    node = kids.get(kids.size() - 1);
  }
  throw malformed('the page tree is too deep');
}
