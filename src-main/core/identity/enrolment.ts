import type { EnrolmentStep, Identity, Person } from '@shared/api/contract';
import { AppError, isAppError } from '@shared/api/errors';
import { assessPassphrase } from '@shared/api/passphrase';
import { LoginRequestSchema, type EnrolResponse, type LoginRequest } from '@shared/service/auth';
import type { CsrSubject, PersonSummary } from '@shared/service/common';
import { CertificateError, verifyDeviceCertificate } from '@shared/node/certificate';
import { createCsr } from '@shared/node/csr';
import { spkiSha256 } from '@shared/node/forge-node';
import type { Clock } from '../clock';
import type { EventHub } from '../events';
import type { CoreLog } from '../log';
import type { ServiceGateway } from '../service/gateway';
import type { ServiceAnswer } from '../service/http';
import { parseServiceUrl } from '../service/service-url';
import type { Session } from '../session/session';
import { toApiIdentity } from './describe';
import { hasIdentity, insertIdentity, type IdentityRecord } from './identity-repo';
import { DEVICE_KEY_BITS, generateDeviceKeyPair, type DeviceKeyPair } from './keygen';

/**
 * The enrolment wizard's core side: probe → login → complete.
 *
 * Between login and completion the core holds the short-lived enrolment
 * token and the subject the CSR must carry, in memory only: a failed or
 * abandoned login leaves nothing on disk. Completion creates the vault if
 * there is none yet; from then on a failure leaves the laptop "unlocked,
 * not enrolled", and the wizard resumes at the login step (or, when the
 * service was merely unreachable, at completion with the same login).
 */

interface PendingLogin {
  serviceUrl: string;
  token: string;
  /** Monotonic time after which the service will refuse the token. */
  validUntil: number;
  person: PersonSummary;
  csrSubject: CsrSubject;
  keyBits: number;
}

export interface EnrolmentOptions {
  session: Session;
  gateway: ServiceGateway;
  events: EventHub;
  clock: Clock;
  log: CoreLog;
  /** Called once the identity is stored (the standing check starts watching). */
  enrolled(): void;
}

export interface LoginInput {
  serviceUrl: string;
  username: string;
  password: string;
  enrolmentCode: string;
  totp: string;
}

/** Give up on a login a little before the service would, rather than send a token about to expire. */
const TOKEN_MARGIN_MS = 15_000;

export class Enrolment {
  private pending: PendingLogin | undefined;
  /** The CA fingerprint the officer was shown for an address, to hold the service to it at enrolment. */
  private readonly probed = new Map<string, string>();

  constructor(private readonly options: EnrolmentOptions) {}

  async probe(serviceUrlInput: string) {
    const serviceUrl = parseServiceUrl(serviceUrlInput);
    const result = await this.options.gateway.probe(serviceUrl);
    this.probed.set(serviceUrl, result.caFingerprint);
    return { serviceUrl, service: result.service, version: result.version, caFingerprint: result.caFingerprint };
  }

  async login(input: LoginInput): Promise<{ person: Person }> {
    const serviceUrl = parseServiceUrl(input.serviceUrl);
    await this.assertEnrollable();
    const request = loginRequest(input);
    const answer = await this.options.gateway.login(serviceUrl, request);
    const { data } = answer;
    const keyBits = chooseKeyBits(data.acceptedKeyBits);
    const lifetime = Date.parse(data.enrolmentTokenExpiresAt) - (answer.serverTime ?? this.options.clock.now());
    // A new login replaces an earlier one: only the latest token and subject count.
    this.pending = {
      serviceUrl,
      token: data.enrolmentToken,
      validUntil: this.options.clock.monotonic() + lifetime - TOKEN_MARGIN_MS,
      person: data.person,
      csrSubject: data.csrSubject,
      keyBits,
    };
    return { person: toApiPerson(data.person) };
  }

  async complete(passphrase: string | undefined): Promise<Identity> {
    const pending = this.take();
    // Until the service has answered the CSR, a failure leaves the login usable for another attempt.
    let keepLogin = true;
    try {
      await this.prepareVault(passphrase, () => {
        keepLogin = false;
      });

      this.step('keygen');
      const keys = await generateDeviceKeyPair(pending.keyBits);
      this.options.log.info(`Generated the device key (RSA-${pending.keyBits}) in ${Math.round(keys.elapsedMs)} ms`);

      this.step('csr');
      const csr = createCsr({ publicKey: keys.publicKey, privateKey: keys.privateKey, subject: pending.csrSubject });

      this.step('certificate');
      let answer: ServiceAnswer<EnrolResponse>;
      try {
        answer = await this.options.gateway.enrol(pending.serviceUrl, pending.token, csr);
      } catch (error) {
        // The service judged the request (code spent or expired, token expired, CSR refused): log in again.
        if (isAppError(error) && (error.code.startsWith('enrol.') || error.code === 'identity.revoked')) keepLogin = false;
        throw error;
      }
      // The enrolment code is spent now, whatever happens next.
      keepLogin = false;
      const record = this.checkIssued(answer, pending, keys);
      const now = new Date(this.options.clock.now()).toISOString();
      const { tokens } = answer.data;
      await this.options.session.withStore((store) =>
        insertIdentity(
          store.db,
          { ...record, privateKeyPem: keys.privateKeyPem, refresh: { token: tokens.refreshToken, expiresAt: tokens.refreshTokenExpiresAt } },
          now,
        ),
      );
      this.options.gateway.adoptTokens(record.deviceId, tokens, answer.serverTime);
      this.step('done');
      this.options.log.info(`Enrolled as device ${record.deviceId} of ${record.person.username}`);
      this.options.enrolled();
      return toApiIdentity(record);
    } finally {
      if (keepLogin) this.pending ??= pending;
    }
  }

  /** Drops the login held in memory (lock, wipe, close). */
  forget(): void {
    this.pending = undefined;
  }

  /** Enrolment makes sense on a fresh laptop, or an unlocked one that is not enrolled yet. */
  private async assertEnrollable(): Promise<void> {
    const { vault } = await this.options.session.status();
    if (vault === 'locked') throw new AppError('vault.locked', 'Unlock the vault before enrolling');
    if (vault === 'unlocked' && (await this.options.session.peek((store) => hasIdentity(store.db)))) {
      throw new AppError('enrol.already_enrolled', 'This laptop is already enrolled');
    }
  }

  private take(): PendingLogin {
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) throw new AppError('enrol.no_session', 'Log in to the service first');
    if (this.options.clock.monotonic() >= pending.validUntil) throw new AppError('enrol.session_expired', 'The login has expired; log in again');
    return pending;
  }

  /**
   * No vault yet: create it with the passphrase (judged like any vault
   * passphrase). Unlocked and not enrolled (a resumed wizard): nothing to do.
   */
  private async prepareVault(passphrase: string | undefined, alreadyEnrolled: () => void): Promise<void> {
    const { session } = this.options;
    const { vault } = await session.status();
    if (vault === 'setup') {
      if (passphrase === undefined) throw new AppError('request.invalid', 'A passphrase is needed to create the vault');
      // Judged before the step is announced, so a refused passphrase shows no progress (Vault.create judges it again).
      if (!assessPassphrase(passphrase).acceptable) throw new AppError('vault.weak_passphrase', 'The passphrase is too weak');
      this.step('vault');
      await session.setup(passphrase);
      return;
    }
    if (vault === 'locked') throw new AppError('vault.locked', 'Unlock the vault before enrolling');
    const enrolled = await session.peek((store) => hasIdentity(store.db));
    if (enrolled === undefined) throw new AppError('vault.locked', 'The vault was locked');
    if (enrolled) {
      alreadyEnrolled();
      throw new AppError('enrol.already_enrolled', 'This laptop is already enrolled');
    }
  }

  /**
   * The certificate must chain to the CA that came with it (and that the
   * officer was shown when probing this address), be valid by the
   * service's clock, and name this person, this device and this key.
   * Anything else is a service we must not trust with the vault.
   */
  private checkIssued(answer: ServiceAnswer<EnrolResponse>, pending: PendingLogin, keys: DeviceKeyPair): IdentityRecord {
    const { data } = answer;
    const at = new Date(answer.serverTime ?? this.options.clock.now());
    let verified;
    try {
      verified = verifyDeviceCertificate(data.certificate, { caCertificates: [data.caCertificate], at });
    } catch (error) {
      if (error instanceof CertificateError) throw new AppError('service.bad_response', `The issued certificate is not acceptable: ${error.message}`);
      throw error;
    }
    const problems: string[] = [];
    if (verified.identity.personId !== pending.person.id || data.person.id !== pending.person.id) problems.push('it names another person');
    if (verified.identity.username !== pending.person.username) problems.push('it names another username');
    if (verified.identity.deviceId !== data.device.id) problems.push('its device id differs from the answer');
    if (verified.publicKeySha256 !== spkiSha256(keys.publicKey)) problems.push('it certifies another key');
    const shown = this.probed.get(pending.serviceUrl);
    if (shown !== undefined && verified.issuerFingerprint !== shown) problems.push('its CA is not the one shown when the address was checked');
    if (problems.length > 0) throw new AppError('service.bad_response', `The issued certificate is not acceptable: ${problems.join('; ')}`);

    const { person } = data;
    return {
      serviceUrl: pending.serviceUrl,
      deviceId: data.device.id,
      person: {
        id: person.id,
        username: person.username,
        fullName: person.fullName,
        roles: person.roles,
        unit: { id: person.unit.id, name: person.unit.name, number: person.unit.number },
      },
      certificatePem: data.certificate,
      caCertificatePem: data.caCertificate,
      enrolledAt: data.device.enrolledAt,
    };
  }

  private step(step: EnrolmentStep): void {
    this.options.events.emit({ type: 'enrolment', step });
  }
}

/**
 * The service's own request schema, checked before anything is sent: a
 * code that cannot be an enrolment code is answered at once, and what the
 * officer typed never reaches the network in a shape the service refuses.
 */
function loginRequest(input: LoginInput): LoginRequest {
  const request = { username: input.username, password: input.password, totp: input.totp, enrolmentCode: input.enrolmentCode };
  const parsed = LoginRequestSchema.safeParse(request);
  if (parsed.success) return parsed.data;
  const field = String(parsed.error.issues[0]?.path[0] ?? '');
  if (field === 'enrolmentCode') throw new AppError('enrol.code_invalid', 'This is not an enrolment code');
  if (field === 'totp') throw new AppError('enrol.totp_invalid', 'A TOTP code is six digits');
  throw new AppError('enrol.invalid_credentials', 'Unknown username or wrong password');
}

function chooseKeyBits(accepted: readonly number[]): number {
  if (accepted.includes(DEVICE_KEY_BITS)) return DEVICE_KEY_BITS;
  const stronger = accepted.filter((bits) => bits > DEVICE_KEY_BITS && bits <= 4096).sort((a, b) => a - b)[0];
  if (stronger === undefined) throw new AppError('enrol.rejected', `The service accepts no key size this client makes (${accepted.join(', ')})`);
  return stronger;
}

function toApiPerson(person: PersonSummary): Person {
  return { fullName: person.fullName, username: person.username, roles: person.roles, unit: { name: person.unit.name, number: person.unit.number } };
}
