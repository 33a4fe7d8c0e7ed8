import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { Cart, CartLine } from '@shared/api/ordering';
import type { FundingSource } from '@shared/service/orders';
import { api } from '../api';
import { useSessionStore } from './session';

/**
 * The cart as the core keeps it (in the encrypted store, so it survives a
 * restart and works offline): its lines, totals and the budget outlook. Every
 * change goes to the core, whose answer replaces what is shown; the rail's
 * badge counts the lines. A lock forgets it with the rest.
 */
export const useCartStore = defineStore('cart', () => {
  const session = useSessionStore();
  const cart = shallowRef<Cart | null>(null);
  const loadError = shallowRef<unknown>(null);
  const loading = ref(false);
  /** Bumped by `clear`, so an answer that arrives after a lock is not kept. */
  let generation = 0;

  const lines = computed<readonly CartLine[]>(() => cart.value?.lines ?? []);
  const count = computed(() => lines.value.length);

  function keep(next: Cart, started: number): Cart {
    if (started === generation) {
      cart.value = next;
      loadError.value = null;
    }
    return next;
  }

  async function load(): Promise<void> {
    const started = generation;
    loading.value = true;
    try {
      keep(await api.cartGet({}), started);
    } catch (error) {
      if (started === generation) loadError.value = error;
    } finally {
      loading.value = false;
    }
  }

  /** Add to the line's quantity (a new line is paid with money). Throws the ClientError of a refusal. */
  async function add(productId: string, quantity = 1): Promise<Cart> {
    return keep(await api.cartAdd({ productId, quantity }), generation);
  }

  async function set(productId: string, quantity: number, funding?: FundingSource): Promise<Cart> {
    return keep(await api.cartSet(funding ? { productId, quantity, funding } : { productId, quantity }), generation);
  }

  async function remove(productId: string): Promise<Cart> {
    return keep(await api.cartRemove({ productId }), generation);
  }

  async function empty(): Promise<Cart> {
    return keep(await api.cartClear({}), generation);
  }

  function quantityOf(productId: string): number {
    return lines.value.find((line) => line.productId === productId)?.quantity ?? 0;
  }

  /** Checkout took the lines into drafts: show the cart the core now holds. */
  function replace(next: Cart): void {
    cart.value = next;
  }

  function clear(): void {
    generation += 1;
    cart.value = null;
    loadError.value = null;
  }
  watch(() => session.lockEpoch, clear);

  return { cart, lines, count, loading, loadError, load, add, set, remove, empty, quantityOf, replace, clear };
});
