import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { ProductCategory } from '@shared/api/contract';
import type { CatalogSort } from '../catalog/catalog-window';
import { useSessionStore } from './session';

/**
 * What the officer set on the Showcase and where they were in the list, kept
 * while they look at a product so "back" finds the same filters, the same
 * scroll position and the same card. The fields hold the text as typed (the
 * view turns it into a query); a lock forgets it all.
 */
export const useShowcaseStore = defineStore('showcase', () => {
  const session = useSessionStore();
  const text = ref('');
  const categories = ref<ProductCategory[]>([]);
  const inStockOnly = ref(false);
  const codifiedOnly = ref(false);
  const priceMin = ref('');
  const priceMax = ref('');
  const sort = ref<CatalogSort>('relevance');

  /** Where the list was left. */
  const scrollTop = ref(0);
  const activeIndex = ref(0);
  /** Set when a product is opened from the list, so coming back puts focus on its card. */
  const returning = ref(false);
  /** Set by the Ctrl+K shortcut (from any page) until the Showcase has focused its search box. */
  const searchFocusRequested = ref(false);

  const filtersActive = computed(
    () =>
      text.value.trim() !== '' ||
      categories.value.length > 0 ||
      inStockOnly.value ||
      codifiedOnly.value ||
      priceMin.value.trim() !== '' ||
      priceMax.value.trim() !== '',
  );

  function clearFilters(): void {
    text.value = '';
    categories.value = [];
    inStockOnly.value = false;
    codifiedOnly.value = false;
    priceMin.value = '';
    priceMax.value = '';
  }

  /** Ctrl+K: the Showcase focuses its search box now, or as soon as it opens. */
  function requestSearchFocus(): void {
    searchFocusRequested.value = true;
    // The officer wants to search, not to go back to the card they opened.
    returning.value = false;
  }

  /** The Showcase asks whether it should focus its search box, and the request is used up. */
  function takeSearchFocusRequest(): boolean {
    const requested = searchFocusRequested.value;
    searchFocusRequested.value = false;
    return requested;
  }

  function reset(): void {
    clearFilters();
    sort.value = 'relevance';
    scrollTop.value = 0;
    activeIndex.value = 0;
    returning.value = false;
  }
  watch(() => session.lockEpoch, reset);

  return {
    text,
    categories,
    inStockOnly,
    codifiedOnly,
    priceMin,
    priceMax,
    sort,
    scrollTop,
    activeIndex,
    returning,
    searchFocusRequested,
    filtersActive,
    clearFilters,
    requestSearchFocus,
    takeSearchFocusRequest,
    reset,
  };
});
