import { nextTick, onMounted, ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue';

export interface LoadedDetail<T> {
  detail: ShallowRef<T | null>;
  loading: Ref<boolean>;
  loadError: ShallowRef<unknown>;
  /** Bind to the page's h1 (`ref="heading"`): it takes focus when the page first arrives. */
  heading: Ref<HTMLElement | null>;
  /** Read again; `quiet` keeps what is shown on failure (a refresh after local data changed). */
  load(quiet?: boolean): Promise<void>;
}

/**
 * What every detail page (a product, an order, an invoice, a certificate)
 * does with the one record it shows: read it by the id in the route, read it
 * again for a new id (after `onNewId` has cleared the page's own state), and
 * keep the last good copy on a quiet refresh that fails. An answer for an id
 * the officer has already left is dropped.
 */
export function useDetail<T>(
  id: Ref<string>,
  read: (id: string) => Promise<T>,
  options: { onLoaded?: (detail: T) => void; onNewId?: () => void } = {},
): LoadedDetail<T> {
  const detail = shallowRef<T | null>(null);
  const loading = ref(false);
  const loadError = shallowRef<unknown>(null);
  const heading = ref<HTMLElement | null>(null);

  async function load(quiet = false): Promise<void> {
    const wanted = id.value;
    if (!wanted) return;
    loading.value = true;
    if (!quiet) loadError.value = null;
    const first = detail.value === null;
    try {
      const loaded = await read(wanted);
      if (wanted !== id.value) return;
      detail.value = loaded;
      options.onLoaded?.(loaded);
      loadError.value = null;
      if (first) {
        // The frame focuses the page heading on arrival, but it did not exist yet: do it now, unless the officer moved on.
        await nextTick();
        if (!document.activeElement || document.activeElement === document.body) heading.value?.focus();
      }
    } catch (error) {
      if (wanted !== id.value) return;
      loadError.value = error;
      if (!quiet) detail.value = null;
    } finally {
      loading.value = false;
    }
  }

  onMounted(() => void load());
  watch(id, () => {
    detail.value = null;
    options.onNewId?.();
    void load();
  });
  return { detail, loading, loadError, heading, load };
}
