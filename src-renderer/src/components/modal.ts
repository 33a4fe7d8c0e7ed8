import { nextTick, onBeforeUnmount, onMounted, watch, type Ref } from 'vue';

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

export interface ModalOptions {
  dialog: Ref<HTMLDialogElement | null>;
  /** Whether the parent wants it open. */
  open: () => boolean;
  /** While true, Escape and Cancel do nothing (a request is under way). */
  busy: () => boolean;
  /** Where focus goes when it opens (and after a busy spell ends). */
  initialFocus: () => HTMLElement | null | undefined;
  /** The officer asked to leave (Escape, the browser closing it). */
  cancel: () => void;
}

/**
 * The behaviour every modal of the app shares (ConfirmDialog's, for dialogs
 * with more inside): a native <dialog> opened with showModal so the page
 * behind is inert, Tab and Shift+Tab kept inside, Escape cancels unless busy,
 * and focus returns to whatever opened it.
 */
export function useModal(options: ModalOptions) {
  let returnFocus: HTMLElement | null = null;

  async function show(): Promise<void> {
    const element = options.dialog.value;
    if (!element || element.open) return;
    returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    element.showModal();
    await nextTick();
    options.initialFocus()?.focus();
  }

  function hide(): void {
    const element = options.dialog.value;
    if (element?.open) element.close();
    const target = returnFocus;
    returnFocus = null;
    if (target?.isConnected) target.focus();
  }

  watch(options.open, (open) => (open ? void show() : hide()), { flush: 'post' });
  onMounted(() => {
    if (options.open()) void show();
  });
  onBeforeUnmount(() => {
    if (options.dialog.value?.open) options.dialog.value.close();
  });

  // While a request runs the buttons are disabled and focus falls out; bring it back when it ends.
  watch(options.busy, async (busy, wasBusy) => {
    if (busy || !wasBusy || !options.open()) return;
    await nextTick();
    const element = options.dialog.value;
    if (element && !element.contains(document.activeElement)) options.initialFocus()?.focus();
  });

  function requestCancel(): void {
    if (!options.busy()) options.cancel();
  }

  function onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      // A combobox or another control inside may have used the key to close itself.
      if (event.defaultPrevented) return;
      event.preventDefault();
      requestCancel();
      return;
    }
    const element = options.dialog.value;
    if (event.key !== 'Tab' || !element) return;
    const focusable = [...element.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((node) => node.offsetParent !== null || node === document.activeElement);
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    const active = document.activeElement;
    if (event.shiftKey && (active === first || !element.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !element.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  }

  /** The browser may still close the dialog by itself: keep the parent's state in step. */
  function onClose(): void {
    if (options.open()) options.cancel();
  }

  return { onKeydown, onClose, requestCancel };
}
