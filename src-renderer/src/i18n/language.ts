import { ref } from 'vue';
import { LanguageSchema, type Language } from '@shared/api/contract';

export const DEFAULT_LANGUAGE: Language = 'uk';

/** The interface language, one reactive value that i18n and the formatters follow. */
export const language = ref<Language>(DEFAULT_LANGUAGE);

export function currentLanguage(): Language {
  return language.value;
}

export function isLanguage(value: unknown): value is Language {
  return LanguageSchema.safeParse(value).success;
}
