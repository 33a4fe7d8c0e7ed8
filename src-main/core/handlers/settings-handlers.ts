import type { Settings } from '@shared/api/contract';
import type { HandlerTable } from '../dispatch';
import type { EventHub } from '../events';
import type { Session } from '../session/session';
import { readSettings, writeSettings } from '../settings/settings-repo';

export function settingsHandlers(session: Session, events: EventHub): Pick<HandlerTable, 'settingsGet' | 'settingsUpdate'> {
  return {
    settingsGet: () =>
      session.withStore(async (store) => readSettings(store.db, { language: await session.preferredLanguage() })),

    settingsUpdate: (patch) =>
      session.withStore(async (store) => {
        const before = readSettings(store.db, { language: await session.preferredLanguage() });
        const after: Settings = {
          language: patch.language ?? before.language,
          autoLockMinutes: patch.autoLockMinutes ?? before.autoLockMinutes,
          signingGraceMinutes: patch.signingGraceMinutes ?? before.signingGraceMinutes,
        };
        // The database first: if it refuses, nothing else has changed.
        writeSettings(store.db, patch);
        if (after.language !== (await session.preferredLanguage())) await session.rememberLanguage(after.language);
        if (after.autoLockMinutes !== before.autoLockMinutes) session.restartAutoLock(after.autoLockMinutes);
        if (JSON.stringify(after) !== JSON.stringify(before)) {
          events.emit({ type: 'settings', settings: after });
        }
        return after;
      }),
  };
}
