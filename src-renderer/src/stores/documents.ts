import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { CertificateSummary, InvoiceSummary } from '@shared/api/documents';
import { api } from '../api';
import { useSessionStore } from './session';

/**
 * The unit's delivery documents as the lists show them, and the rail's
 * counts of what waits for the unit: invoices to receive and sign,
 * certificates for the commander. The frame loads them once enrolled and
 * again when the documents scope changes; the list views read the same
 * arrays, so badge and list never disagree. A lock forgets them.
 */
export const useDocumentsStore = defineStore('documents', () => {
  const session = useSessionStore();
  const invoices = shallowRef<InvoiceSummary[] | null>(null);
  const certificates = shallowRef<CertificateSummary[] | null>(null);
  const invoicesError = shallowRef<unknown>(null);
  const certificatesError = shallowRef<unknown>(null);
  const loading = ref(false);
  let generation = 0;
  let sequence = 0;

  const invoicesAwaiting = computed(() => (invoices.value ?? []).filter((invoice) => invoice.awaitingUnit).length);
  const certificatesAwaiting = computed(() => (certificates.value ?? []).filter((certificate) => certificate.awaitingUnit).length);

  async function load(): Promise<void> {
    const started = generation;
    const mine = ++sequence;
    loading.value = true;
    const [invoiceList, certificateList] = await Promise.allSettled([api.invoiceList({}), api.certificateList({})]);
    if (started !== generation || mine !== sequence) return;
    if (invoiceList.status === 'fulfilled') {
      invoices.value = invoiceList.value;
      invoicesError.value = null;
    } else invoicesError.value = invoiceList.reason;
    if (certificateList.status === 'fulfilled') {
      certificates.value = certificateList.value;
      certificatesError.value = null;
    } else certificatesError.value = certificateList.reason;
    loading.value = false;
  }

  function clear(): void {
    generation += 1;
    invoices.value = null;
    certificates.value = null;
    invoicesError.value = null;
    certificatesError.value = null;
    loading.value = false;
  }
  watch(() => session.lockEpoch, clear);

  return { invoices, certificates, invoicesError, certificatesError, loading, invoicesAwaiting, certificatesAwaiting, load, clear };
});
