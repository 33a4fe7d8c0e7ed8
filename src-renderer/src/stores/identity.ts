import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Identity } from '@shared/api/contract';
import { api } from '../api';

/**
 * Who this laptop is enrolled for: the person, unit, device and certificate.
 * Read from the core while the vault is open; forgotten on lock and wipe.
 */
export const useIdentityStore = defineStore('identity', () => {
  const identity = ref<Identity | null>(null);
  /** The service this laptop was last enrolled with (not a secret): suggested again after a logout or a wipe. */
  const lastServiceUrl = ref<string | null>(null);
  let loading: Promise<Identity> | null = null;
  /** Bumped by `clear`, so an answer that arrives after a lock is not kept. */
  let generation = 0;

  /** Ask the core again; throws the ClientError of a failed call (the caller shows it). */
  function load(): Promise<Identity> {
    const started = generation;
    loading ??= (async () => {
      try {
        const loaded = await api.identityGet({});
        if (started === generation) {
          identity.value = loaded;
          lastServiceUrl.value = loaded.serviceUrl;
        }
        return loaded;
      } finally {
        loading = null;
      }
    })();
    return loading;
  }

  /** The enrolment just finished with this identity: no need to ask again. */
  function set(next: Identity): void {
    identity.value = next;
    lastServiceUrl.value = next.serviceUrl;
  }

  function clear(): void {
    generation += 1;
    identity.value = null;
  }

  return { identity, lastServiceUrl, load, set, clear };
});
