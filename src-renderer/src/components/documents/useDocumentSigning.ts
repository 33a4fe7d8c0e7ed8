import { ref, shallowRef, watch } from 'vue';
import type { DocumentSigningPreview } from '@shared/api/documents';
import { useSessionStore } from '../../stores/session';

/**
 * The life of a document's signing dialog, shared by receipts and
 * certificates: load the preview when it opens, sign exactly the previewed
 * digest, report the outcome; a lock closes it. The caller says how to load
 * and how to sign.
 */
export function useDocumentSigning<Signed>(options: {
  open: () => boolean;
  load: () => Promise<DocumentSigningPreview>;
  sign: (request: { digest: string; passphrase?: string }) => Promise<Signed>;
  onSigned: (signed: Signed) => void;
  close: () => void;
}) {
  const session = useSessionStore();
  const preview = shallowRef<DocumentSigningPreview | null>(null);
  const loading = ref(false);
  const loadError = shallowRef<unknown>(null);
  const signing = ref(false);
  const signError = shallowRef<unknown>(null);
  const done = ref(false);
  let sequence = 0;

  async function load(): Promise<void> {
    const mine = ++sequence;
    loading.value = true;
    loadError.value = null;
    signError.value = null;
    preview.value = null;
    try {
      const loaded = await options.load();
      if (mine === sequence && options.open()) preview.value = loaded;
    } catch (error) {
      if (mine === sequence) loadError.value = error;
    } finally {
      if (mine === sequence) loading.value = false;
    }
  }

  watch(
    options.open,
    (open) => {
      if (open) {
        done.value = false;
        void load();
      } else {
        sequence += 1;
        preview.value = null;
        signError.value = null;
        loadError.value = null;
        loading.value = false;
      }
    },
    { immediate: true },
  );
  watch(() => session.lockEpoch, () => options.open() && options.close());

  async function sign(passphrase: string | undefined): Promise<void> {
    const current = preview.value;
    if (!current || signing.value) return;
    signing.value = true;
    signError.value = null;
    try {
      const signed = await options.sign(passphrase === undefined ? { digest: current.digest } : { digest: current.digest, passphrase });
      done.value = true;
      options.onSigned(signed);
    } catch (error) {
      signError.value = error;
    } finally {
      signing.value = false;
    }
  }

  return { preview, loading, loadError, signing, signError, done, load, sign };
}
