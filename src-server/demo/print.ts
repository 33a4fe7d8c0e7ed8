import { formatTable } from '../admin/table';
import type { DemoLogin } from './logins';

/**
 * The demo credentials as the officer needs them to enrol: username,
 * password, TOTP secret (to put in an authenticator app) and the one-time
 * enrolment code, and how to get the current TOTP code without an app.
 */
export function formatDemoLogins(logins: readonly DemoLogin[], dataDir: string): string[] {
  const rows = logins.map((login) => [
    login.unitNumber,
    login.username,
    login.roles.join('+'),
    login.password,
    login.totpSecret,
    `${login.enrolmentCode} (${login.revoked ? 'person revoked' : login.enrolmentCodeState})`,
  ]);
  return [
    'DEMO logins (demo data only — never use these credentials for anything real):',
    ...formatTable(['unit', 'username', 'roles', 'password', 'TOTP secret', 'enrolment code'], rows).map((line) => `  ${line}`),
    `Current TOTP code: npm run admin -- totp --username <username> --data ${dataDir}`,
    `A new enrolment code once one is used: npm run admin -- enrol-code --person <username> --data ${dataDir}`,
  ];
}
