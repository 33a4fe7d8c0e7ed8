import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import type { AppNotification, CoreEvent } from '@shared/api/contract';
import { useSessionStore } from './session';

/** Whether two notices tell the same thing: the same product's news, the same order or document reaching the same status. */
function sameNews(a: AppNotification, b: AppNotification): boolean {
  if (a.kind === 'order_status' || b.kind === 'order_status') {
    return a.kind === 'order_status' && b.kind === 'order_status' && a.orderId === b.orderId && a.status === b.status;
  }
  if (a.kind === 'document' || b.kind === 'document') {
    return a.kind === 'document' && b.kind === 'document' && a.document === b.document && a.id === b.id && a.status === b.status;
  }
  return a.kind === b.kind && a.productId === b.productId && a.priceKopiykas === b.priceKopiykas;
}

export interface Toast {
  id: number;
  notification: AppNotification;
  receivedAt: number;
}

/** More than this many at once and the oldest go: a notice is news, not a log. */
export const MAX_TOASTS = 5;

/**
 * The in-app notification centre: what the core announced when a pulled
 * change matched a watch (back in stock, price changed) or moved one of the
 * unit's orders (committed, returned, a proposal received, …) or brought a
 * delivery document (an invoice to receive, a certificate to sign, one
 * completed or paid). Notices stay until
 * the officer dismisses or opens them; a lock clears them with the rest.
 */
export const useNotificationsStore = defineStore('notifications', () => {
  const session = useSessionStore();
  const toasts = ref<Toast[]>([]);
  let sequence = 0;

  function push(notification: AppNotification): void {
    // The same news twice (a page applied again after a retry) is shown once, the newer copy on top.
    const same = (toast: Toast) => sameNews(toast.notification, notification);
    sequence += 1;
    toasts.value = [{ id: sequence, notification, receivedAt: Date.now() }, ...toasts.value.filter((toast) => !same(toast))].slice(0, MAX_TOASTS);
  }

  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((toast) => toast.id !== id);
  }

  function clear(): void {
    toasts.value = [];
  }

  function handleEvent(event: CoreEvent): void {
    if (event.type === 'notification') push(event.notification);
  }

  watch(() => session.lockEpoch, clear);

  return { toasts, push, dismiss, clear, handleEvent };
});
