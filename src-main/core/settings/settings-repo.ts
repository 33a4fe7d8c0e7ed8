import { AutoLockMinutesSchema, DEFAULT_AUTO_LOCK_MINUTES, LanguageSchema, type Language, type Settings } from '@shared/api/contract';
import { DEFAULT_SIGNING_GRACE_MINUTES, SigningGraceMinutesSchema } from '@shared/api/ordering';
import type { Db } from '../store/db';

/**
 * The officer's settings in the encrypted database. A setting never written
 * reads as its default; a value that no longer validates (a setting whose
 * choices changed) reads as its default too, rather than locking the officer
 * out of the settings screen.
 */
const SETTINGS = {
  language: LanguageSchema,
  autoLockMinutes: AutoLockMinutesSchema,
  signingGraceMinutes: SigningGraceMinutesSchema,
} as const;

type SettingKey = keyof typeof SETTINGS;

export function readSettings(db: Db, defaults: { language: Language }): Settings {
  return {
    language: readSetting(db, 'language') ?? defaults.language,
    autoLockMinutes: readSetting(db, 'autoLockMinutes') ?? DEFAULT_AUTO_LOCK_MINUTES,
    signingGraceMinutes: readSetting(db, 'signingGraceMinutes') ?? DEFAULT_SIGNING_GRACE_MINUTES,
  };
}

/** The stored language, if the officer ever chose one inside the vault. */
export function readStoredLanguage(db: Db): Language | undefined {
  return readSetting(db, 'language');
}

export function writeSettings(db: Db, patch: Partial<Settings>): void {
  const upsert = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  db.transaction(() => {
    for (const key of Object.keys(SETTINGS) as SettingKey[]) {
      const value = patch[key];
      if (value !== undefined) upsert.run(key, JSON.stringify(SETTINGS[key].parse(value)));
    }
  })();
}

function readSetting<K extends SettingKey>(db: Db, key: K): Settings[K] | undefined {
  const raw = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
  if (raw === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const parsed = SETTINGS[key].safeParse(value);
  return parsed.success ? (parsed.data as Settings[K]) : undefined;
}
