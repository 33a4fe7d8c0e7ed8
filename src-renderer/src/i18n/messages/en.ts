import type { ClientErrorCode } from '../../api/errors';

/** Every error code the UI can meet, plus the fallback for codes this build does not know. */
export type ErrorMessages = Record<ClientErrorCode | 'unknown', string>;

/** English. The shape of this object is the schema every other locale must match. */
export const en = {
  app: {
    name: 'Quartermaster',
    tagline: 'Procurement for military units',
    starting: 'Starting Quartermaster…',
    skipToContent: 'Skip to content',
  },
  titles: {
    setup: 'First run',
    unlock: 'Unlock',
    home: 'Home',
    settings: 'Settings',
    unavailable: 'Core not answering',
  },
  nav: {
    label: 'Main navigation',
    settings: 'Settings',
  },
  header: {
    lock: 'Lock',
    lockHint: 'Lock Quartermaster (Ctrl+L)',
  },
  language: {
    label: 'Interface language',
    names: { uk: 'Українська', en: 'English' },
  },
  minutes: '{n} minute | {n} minutes',
  seconds: '{n} second | {n} seconds',
  passphrase: {
    strength: 'Strength: {verdict}',
    verdict: {
      too_short: 'too short',
      weak: 'weak',
      fair: 'fair',
      strong: 'strong',
      very_strong: 'very strong',
    },
    rule: 'At least 12 characters. Several unrelated words are easy to remember and hard to guess.',
    mismatch: 'The passphrases do not match.',
    capsLock: 'Caps Lock is on.',
  },
  setup: {
    heading: 'Create a passphrase',
    intro:
      'The passphrase encrypts everything Quartermaster keeps on this computer: orders, documents and signing keys. Nobody can recover it for you, so choose one you will remember.',
    passphrase: 'Passphrase',
    confirm: 'Repeat the passphrase',
    submit: 'Create vault',
    working: 'Deriving the encryption key…',
  },
  unlock: {
    heading: 'Quartermaster is locked',
    intro: 'Enter your passphrase to open the encrypted store.',
    passphrase: 'Passphrase',
    submit: 'Unlock',
    working: 'Unlocking…',
    retryIn: 'You can try again in {n} second. | You can try again in {n} seconds.',
    reason: {
      user: 'Quartermaster was locked.',
      idle: 'Quartermaster was locked after a period of inactivity.',
      suspend: 'Quartermaster was locked because the computer went to sleep.',
      screen_locked: 'Quartermaster was locked because the screen was locked.',
    },
  },
  unavailable: {
    heading: 'The application core is not answering',
    text: 'Quartermaster could not reach its core, so nothing can be shown yet. If this does not pass, close Quartermaster and start it again.',
    retry: 'Try again',
    retrying: 'Connecting…',
    failedHeading: 'Quartermaster cannot continue',
    autoRetry: 'Trying again by itself every few seconds.',
  },
  home: {
    heading: 'Welcome',
    text: 'The vault is open. The showcase, cart, orders, expenditure invoices and acceptance certificates will appear in the navigation as soon as they work on this computer.',
  },
  settings: {
    heading: 'Settings',
    loading: 'Loading settings…',
    saved: 'Saved.',
    language: {
      title: 'Language',
      help: 'Changes apply at once and are kept for the next start.',
    },
    autoLock: {
      title: 'Auto-lock',
      label: 'Lock after inactivity',
      help: 'Quartermaster locks itself when it has not been used for this long.',
    },
    change: {
      title: 'Change passphrase',
      intro: 'The stored data is not re-encrypted; only the key that opens it is protected with the new passphrase.',
      current: 'Current passphrase',
      next: 'New passphrase',
      confirm: 'Repeat the new passphrase',
      submit: 'Change passphrase',
      working: 'Changing the passphrase…',
      done: 'The passphrase has been changed.',
    },
    lock: {
      title: 'Lock',
      text: 'Close the encrypted store now. Opening it again needs the passphrase.',
      submit: 'Lock now',
    },
    about: {
      title: 'About',
      version: 'Version',
      now: 'Date and time',
      money: 'Amount format',
      transport: 'Connection to the core',
      transports: { electron: 'Desktop application', browser: 'Browser mode (loopback)' },
    },
  },
  errors: {
    'request.invalid': 'The request was refused as invalid. Nothing was changed.',
    'request.unknown_method': 'This version of the application core does not know the operation. Update Quartermaster.',
    'request.too_large': 'The request is too large. Nothing was changed.',
    internal: 'The application core is not answering. Try again; if it does not help, restart Quartermaster.',
    'vault.not_set_up': 'The vault has not been created yet.',
    'vault.already_set_up': 'A vault already exists on this computer.',
    'vault.locked': 'Quartermaster is locked. Unlock it to continue.',
    'vault.wrong_passphrase': 'Wrong passphrase.',
    'vault.throttled': 'Too many failed attempts. Wait before trying again.',
    'vault.weak_passphrase': 'The passphrase is too weak. Use at least 12 characters; several unrelated words work well.',
    'vault.same_passphrase': 'The new passphrase is the same as the current one.',
    'vault.corrupt': 'The vault file is damaged or does not belong to Quartermaster. Nothing was changed; contact your administrator.',
    'store.corrupt': 'The encrypted database is damaged or is not a Quartermaster database. It was left untouched.',
    'store.too_new': 'The database was written by a newer version of Quartermaster. Update the application; the data was left untouched.',
    'store.io': 'The database could not be read or written. Check the free disk space and try again.',
    'transport.unauthorized': 'This browser tab is no longer connected to Quartermaster. Open the address that Quartermaster printed when it started.',
    unknown: 'Something went wrong. Try again.',
  } satisfies ErrorMessages,
};

type Widen<T> = T extends string ? string : { [K in keyof T]: Widen<T[K]> };
export type MessageSchema = Widen<typeof en>;
