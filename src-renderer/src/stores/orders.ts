import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { OrderStatus } from '@shared/api/ordering';
import type { OrderKind } from '@shared/service/orders';
import { useSessionStore } from './session';

/**
 * The filters of the Orders area, kept while the officer opens an order and
 * comes back; a lock forgets them. The fields hold what was typed or chosen;
 * the view turns them into the query.
 */
export const useOrdersStore = defineStore('orders', () => {
  const session = useSessionStore();
  const statuses = ref<OrderStatus[]>([]);
  const kind = ref<OrderKind | ''>('');
  const supplierId = ref('');
  const from = ref('');
  const to = ref('');
  const text = ref('');

  const filtersActive = computed(
    () => statuses.value.length > 0 || kind.value !== '' || supplierId.value !== '' || from.value !== '' || to.value !== '' || text.value.trim() !== '',
  );

  function clearFilters(): void {
    statuses.value = [];
    kind.value = '';
    supplierId.value = '';
    from.value = '';
    to.value = '';
    text.value = '';
  }
  watch(() => session.lockEpoch, clearFilters);

  return { statuses, kind, supplierId, from, to, text, filtersActive, clearFilters };
});
