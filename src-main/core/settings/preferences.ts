import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { LanguageSchema, type Language } from '@shared/api/contract';
import { AppError } from '@shared/api/errors';
import { readFileIfExists, writeFileAtomic } from '../fs/atomic-file';

/**
 * preferences.json: the little the app must know before any key exists —
 * the language of the first-run and unlock screens. Nothing secret goes here.
 */
export const DEFAULT_LANGUAGE: Language = 'uk';

const PreferencesSchema = z.object({ language: LanguageSchema });
export type Preferences = z.infer<typeof PreferencesSchema>;

export const DEFAULT_PREFERENCES: Readonly<Preferences> = Object.freeze({ language: DEFAULT_LANGUAGE });

/**
 * Missing or unreadable preferences mean the defaults: they only choose a
 * language, and the file is rewritten only when the officer changes it.
 */
export async function readPreferences(file: string): Promise<Preferences> {
  try {
    const bytes = await readFileIfExists(file);
    if (bytes === undefined) return { ...DEFAULT_PREFERENCES };
    // Unknown keys from a newer version are ignored rather than refused.
    const parsed = PreferencesSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    return parsed.success ? parsed.data : { ...DEFAULT_PREFERENCES };
  } catch {
    return { ...DEFAULT_PREFERENCES };
  }
}

export async function writePreferences(file: string, preferences: Preferences): Promise<void> {
  try {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    await writeFileAtomic(file, `${JSON.stringify(PreferencesSchema.parse(preferences), null, 2)}\n`, 0o644);
  } catch (error) {
    throw new AppError('store.io', `The preferences file cannot be written: ${String(error)}`);
  }
}
