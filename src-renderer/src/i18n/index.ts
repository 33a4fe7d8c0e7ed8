import { watch } from 'vue';
import { createI18n } from 'vue-i18n';
import type { Language } from '@shared/api/contract';
import type { ErrorParams } from '@shared/api/errors';
import { ClientError, toClientError, type ClientErrorCode } from '../api/errors';
import { en, type MessageSchema } from './messages/en';
import { uk } from './messages/uk';
import { DEFAULT_LANGUAGE, language } from './language';

export { language, currentLanguage, isLanguage, DEFAULT_LANGUAGE } from './language';

type Nested = { [key: string]: string | Nested };

/** Error codes are written flat ("vault.locked"); vue-i18n resolves dotted keys as paths, so nest them. */
function nest(messages: object): Nested {
  const out: Nested = {};
  for (const [key, value] of Object.entries(messages)) {
    const converted = typeof value === 'string' ? value : nest(value as object);
    const parts = key.split('.');
    let target = out;
    for (const part of parts.slice(0, -1)) {
      const next = target[part];
      if (typeof next === 'string') throw new Error(`Message key ${key} collides with a message`);
      target = next ?? (target[part] = {});
    }
    target[parts[parts.length - 1] as string] = converted;
  }
  return out;
}

/** Ukrainian has three plural forms: 1 хвилина, 2 хвилини, 5 хвилин. */
const ukPluralRules = new Intl.PluralRules('uk-UA');
function ukPlural(choice: number, choicesLength: number): number {
  if (choicesLength < 3) return choice === 1 ? 0 : 1;
  switch (ukPluralRules.select(choice)) {
    case 'one':
      return 0;
    case 'few':
      return 1;
    case 'many':
      return 2;
    default:
      return 1; // fractions
  }
}

const messages: Record<Language, MessageSchema> = { uk, en };

export const i18n = createI18n({
  legacy: false,
  locale: DEFAULT_LANGUAGE,
  fallbackLocale: 'en',
  messages: { uk: nest(messages.uk), en: nest(messages.en) },
  pluralRules: { uk: ukPlural },
  missingWarn: import.meta.env.DEV,
  fallbackWarn: false,
});

/** Switch the whole interface at once: messages, formatters, the document's language. */
export function setLanguage(next: Language): void {
  language.value = next;
}

watch(
  language,
  (next) => {
    i18n.global.locale.value = next;
    document.documentElement.lang = next;
  },
  { immediate: true },
);

/** How long to wait, as it follows "in": seconds under a minute and a half, whole minutes (rounded up) beyond. */
export function formatWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return i18n.global.t('wait.seconds', seconds);
  return i18n.global.t('wait.minutes', Math.ceil(seconds / 60));
}

/**
 * The officer-facing text of any failure: the code's translation, or a
 * generic message for codes this build does not know. When the service asks
 * us to wait, the wait is said too (the unlock screen counts its own wait down).
 */
export function translateError(error: unknown): string {
  const failure = toClientError(error);
  const key = `errors.${failure.code}`;
  if (!i18n.global.te(key)) return i18n.global.t('errors.unknown');
  const text = i18n.global.t(key, failure.params);
  if (failure.code === 'service.throttled' && failure.retryAfterMs > 0) {
    return `${text} ${i18n.global.t('wait.retry', { wait: formatWait(failure.retryAfterMs) })}`;
  }
  return text;
}

/**
 * The text of a failure reported as data rather than thrown (e.g. the last
 * sync error in the status): its code's translation, or the generic message
 * for a code this build does not know.
 */
export function translateErrorCode(code: string, params: ErrorParams = {}): string {
  return translateError(new ClientError(code as ClientErrorCode, params));
}
