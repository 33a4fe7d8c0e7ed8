import { z } from 'zod';
import { PASSPHRASE_MAX_LENGTH } from './passphrase';

/**
 * The whole API the UI may call, declared once. The core's handler table,
 * the Electron IPC transport, the loopback transport and the preload are all
 * derived from this object; adding a method here is the only way to add one.
 */

export const languages = ['uk', 'en'] as const;
export const LanguageSchema = z.enum(languages);
export type Language = z.infer<typeof LanguageSchema>;

export const autoLockChoices = [1, 5, 15, 30, 60] as const;
export const AutoLockMinutesSchema = z.union(autoLockChoices.map((m) => z.literal(m)) as unknown as [z.ZodLiteral<1>, z.ZodLiteral<5>, z.ZodLiteral<15>, z.ZodLiteral<30>, z.ZodLiteral<60>]);
export type AutoLockMinutes = z.infer<typeof AutoLockMinutesSchema>;
export const DEFAULT_AUTO_LOCK_MINUTES: AutoLockMinutes = 15;

/** Length is checked here; strength is judged by the core with `assessPassphrase`. */
export const PassphraseSchema = z.string().min(1).max(PASSPHRASE_MAX_LENGTH);

const Empty = z.object({}).strict();

export const VaultStateSchema = z.enum(['setup', 'locked', 'unlocked']);
export type VaultState = z.infer<typeof VaultStateSchema>;

export const AppStatusSchema = z.object({
  vault: VaultStateSchema,
  /** Milliseconds until another unlock attempt is accepted; 0 when none is pending. */
  retryAfterMs: z.number().int().nonnegative(),
  language: LanguageSchema,
  version: z.string(),
});
export type AppStatus = z.infer<typeof AppStatusSchema>;

export const SettingsSchema = z.object({
  language: LanguageSchema,
  autoLockMinutes: AutoLockMinutesSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;

export const LockReasonSchema = z.enum(['user', 'idle', 'suspend', 'screen_locked']);
export type LockReason = z.infer<typeof LockReasonSchema>;

function method<Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res) {
  return { request, response };
}

export const apiContract = {
  appStatus: method(Empty, AppStatusSchema),
  vaultSetup: method(z.object({ passphrase: PassphraseSchema }).strict(), Empty),
  vaultUnlock: method(z.object({ passphrase: PassphraseSchema }).strict(), Empty),
  vaultLock: method(Empty, Empty),
  vaultChangePassphrase: method(
    z.object({ current: PassphraseSchema, next: PassphraseSchema }).strict(),
    Empty,
  ),
  settingsGet: method(Empty, SettingsSchema),
  settingsUpdate: method(SettingsSchema.partial().strict(), SettingsSchema),
  /** The renderer reports user activity (throttled) so idle auto-lock can be judged in one place. */
  sessionActivity: method(Empty, Empty),
} as const;

export type ApiContract = typeof apiContract;
export type ApiMethod = keyof ApiContract;
export const apiMethods = Object.keys(apiContract) as ApiMethod[];

export type ApiRequest<M extends ApiMethod> = z.input<ApiContract[M]['request']>;
export type ApiResponse<M extends ApiMethod> = z.output<ApiContract[M]['response']>;

/** The shape the renderer sees: one async function per method. */
export type Api = { [M in ApiMethod]: (request: ApiRequest<M>) => Promise<ApiResponse<M>> };

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.hasOwn(apiContract, name);
}

/** Pushed from the core to the UI. */
export const CoreEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('locked'), reason: LockReasonSchema }),
  z.object({ type: z.literal('unlocked') }),
  z.object({ type: z.literal('settings'), settings: SettingsSchema }),
]);
export type CoreEvent = z.infer<typeof CoreEventSchema>;
