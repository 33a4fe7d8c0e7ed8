import { ref, shallowRef } from 'vue';
import type { CatalogQuery, CatalogSortSchema, ProductCard } from '@shared/api/contract';
import type { z } from 'zod';

export type CatalogSort = z.infer<typeof CatalogSortSchema>;
/** A search without its window: what the filters say. */
export type CatalogFilter = Omit<CatalogQuery, 'offset' | 'limit'>;
export type CatalogFetch = (query: CatalogQuery) => Promise<{ total: number; offset: number; items: ProductCard[] }>;

/**
 * Items per request. Sixty divides into rows of 1 to 6 cards, so a page
 * boundary never splits a row of the grid.
 */
export const PAGE_SIZE = 60;

interface Page {
  items: ProductCard[];
  /** The refresh epoch the page was fetched in: older than the current one means "show it, but fetch again". */
  epoch: number;
  usedAt: number;
}

/**
 * The part of a search result that is on screen, fetched page by page. The
 * list says which items it shows (plus a margin) with `want`; missing pages
 * are fetched nearest the middle first, a few at a time, so scrolling fast
 * past thousands of items asks only for where the list comes to rest. Pages
 * are cached (the least recently used beyond `maxPages` are dropped), every
 * answer for an older filter is ignored, and a `refresh` (local data changed)
 * keeps what is shown until its fresh copy arrives.
 */
export class CatalogWindow {
  /** Items matching the filter; null until the first answer for it arrives. */
  readonly total = ref<number | null>(null);
  /** Bumped whenever the cached items change: read it to re-render. */
  readonly version = ref(0);
  /** The last fetch failed; fetching stops until `retry` or the next filter or refresh. */
  readonly error = shallowRef<unknown>(null);
  /** A fetch is in flight. */
  readonly loading = ref(false);

  private readonly pages = new Map<number, Page>();
  private readonly inflight = new Set<number>();
  private filter: CatalogFilter | null = null;
  private generation = 0;
  private epoch = 0;
  private clock = 0;
  private wanted = { first: 0, last: PAGE_SIZE - 1 };

  constructor(
    private readonly fetch: CatalogFetch,
    private readonly maxPages = 40,
    private readonly maxConcurrent = 3,
  ) {}

  /** A new search: forget every page of the previous one. */
  setFilter(filter: CatalogFilter): void {
    this.generation += 1;
    this.filter = filter;
    this.pages.clear();
    this.inflight.clear();
    this.loading.value = false;
    this.total.value = null;
    this.error.value = null;
    this.version.value += 1;
    this.pump();
  }

  /** The items on screen, margin included (indices, inclusive). */
  want(first: number, last: number): void {
    this.wanted = { first: Math.max(0, first), last: Math.max(first, last) };
    for (const index of this.wantedPages()) {
      const page = this.pages.get(index);
      if (page) page.usedAt = ++this.clock;
    }
    this.pump();
  }

  item(index: number): ProductCard | undefined {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.items[index % PAGE_SIZE];
  }

  /** Local data changed: keep showing the pages on screen while they are fetched again; drop the rest. */
  refresh(): void {
    if (!this.filter) return;
    this.epoch += 1;
    const wanted = new Set(this.wantedPages());
    for (const index of [...this.pages.keys()]) if (!wanted.has(index)) this.pages.delete(index);
    this.error.value = null;
    this.pump();
  }

  retry(): void {
    this.error.value = null;
    this.pump();
  }

  /** Show a change the officer just made (e.g. a watch) before the next answer confirms it. */
  patch(productId: string, change: Partial<ProductCard>): void {
    let changed = false;
    for (const page of this.pages.values()) {
      const at = page.items.findIndex((item) => item.id === productId);
      if (at >= 0) {
        page.items = page.items.map((item, i) => (i === at ? { ...item, ...change } : item));
        changed = true;
      }
    }
    if (changed) this.version.value += 1;
  }

  /** The pages covering the wanted items, nearest the middle first, within the total once it is known. */
  private wantedPages(): number[] {
    const { first, last } = this.wanted;
    const firstPage = Math.floor(first / PAGE_SIZE);
    let lastPage = Math.floor(last / PAGE_SIZE);
    const total = this.total.value;
    if (total !== null) lastPage = Math.min(lastPage, Math.max(0, Math.ceil(total / PAGE_SIZE) - 1));
    if (lastPage < firstPage) return total === 0 ? [0] : [Math.max(0, lastPage)];
    const middle = (firstPage + lastPage) / 2;
    const pages: number[] = [];
    for (let page = firstPage; page <= lastPage; page += 1) pages.push(page);
    return pages.sort((a, b) => Math.abs(a - middle) - Math.abs(b - middle));
  }

  private pump(): void {
    if (!this.filter || this.error.value != null) return;
    for (const index of this.wantedPages()) {
      if (this.inflight.size >= this.maxConcurrent) return;
      if (this.inflight.has(index)) continue;
      const page = this.pages.get(index);
      if (page && page.epoch === this.epoch) continue;
      void this.load(index);
    }
  }

  private async load(index: number): Promise<void> {
    const filter = this.filter;
    if (!filter) return;
    const generation = this.generation;
    const epoch = this.epoch;
    this.inflight.add(index);
    this.loading.value = true;
    try {
      const answer = await this.fetch({ ...filter, offset: index * PAGE_SIZE, limit: PAGE_SIZE });
      if (generation !== this.generation) return;
      if (answer.total !== this.total.value) {
        this.total.value = answer.total;
        // Items past the new end are gone; pages of an older epoch are refetched when wanted.
        const pageCount = Math.ceil(answer.total / PAGE_SIZE);
        for (const key of [...this.pages.keys()]) if (key >= pageCount) this.pages.delete(key);
      }
      this.pages.set(index, { items: answer.items, epoch, usedAt: ++this.clock });
      this.evict();
      this.version.value += 1;
    } catch (error) {
      if (generation === this.generation) this.error.value = error;
    } finally {
      if (generation === this.generation) {
        this.inflight.delete(index);
        this.loading.value = this.inflight.size > 0;
        this.pump();
      }
    }
  }

  private evict(): void {
    if (this.pages.size <= this.maxPages) return;
    const keep = new Set(this.wantedPages());
    const candidates = [...this.pages.entries()].filter(([key]) => !keep.has(key)).sort((a, b) => a[1].usedAt - b[1].usedAt);
    for (const [key] of candidates.slice(0, this.pages.size - this.maxPages)) this.pages.delete(key);
  }
}
