import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Language, Settings } from '@shared/api/contract';
import { api } from '../api';
import { toClientError } from '../api/errors';
import { language, setLanguage } from '../i18n';

export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<Settings | null>(null);
  /**
   * A language chosen before unlocking, when the core could not store it yet
   * (the settings live in the encrypted store). It is saved right after unlock.
   */
  const pendingLanguage = ref<Language | null>(null);

  function applyFromCore(next: Settings): void {
    settings.value = next;
    if (pendingLanguage.value === null) setLanguage(next.language);
  }

  async function load(): Promise<Settings> {
    const loaded = await api.settingsGet({});
    applyFromCore(loaded);
    return loaded;
  }

  async function update(patch: Partial<Settings>): Promise<Settings> {
    const saved = await api.settingsUpdate(patch);
    applyFromCore(saved);
    return saved;
  }

  /**
   * Switch the interface language at once and keep it for the next start. Before
   * unlocking the core may refuse to store it; the choice is then kept here
   * and saved after unlock. Throws only when an unlocked core refuses.
   */
  async function chooseLanguage(next: Language, unlocked: boolean): Promise<void> {
    const previous = language.value;
    setLanguage(next);
    try {
      await update({ language: next });
      pendingLanguage.value = null;
    } catch (error) {
      if (unlocked) {
        setLanguage(previous);
        throw toClientError(error);
      }
      pendingLanguage.value = next;
    }
  }

  async function afterUnlock(): Promise<void> {
    const pending = pendingLanguage.value;
    try {
      if (pending) await update({ language: pending });
      else await load();
      pendingLanguage.value = null;
    } catch {
      // The settings screen loads again and reports any failure itself.
    }
  }

  /** Forget what was read from the store (on lock). */
  function clear(): void {
    settings.value = null;
  }

  return { settings, pendingLanguage, applyFromCore, load, update, chooseLanguage, afterUnlock, clear };
});
