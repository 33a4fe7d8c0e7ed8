import { AppError } from '@shared/api/errors';
import type { EnrolResponse, LoginRequest, LoginResponse, MeResponse, TokenGrant } from '@shared/service/auth';
import type { RouteName } from '@shared/service/routes';
import { certificateFingerprint } from '@shared/node/forge-node';
import type { Clock } from '../clock';
import type { DeviceCredentials, RefreshGrant } from '../identity/identity-repo';
import type { CoreLog } from '../log';
import type { EncodedBody } from './encoded-body';
import { demandsWipe, toAppError } from './errors';
import { ServiceCallError, type CallOptions, type RouteOutput, type ServiceAnswer, type ServiceHttp } from './http';

/**
 * The one way the core talks to the central service. Enrolment uses its
 * anonymous calls; everything a device does afterwards (the standing check
 * now, sync later) goes through `deviceCall`, which supplies a valid access
 * token, refreshing it — and persisting the rotated refresh token — when
 * needed, and which turns a "device/person revoked" answer into the wipe.
 *
 * Nothing here runs inside the session queue: the database is reached only
 * for a moment, through `CredentialSource`, before and after a network wait.
 */

export interface CredentialSource {
  /** The enrolled device's credentials; undefined when not enrolled. Throws vault.locked when locked. */
  read(): Promise<DeviceCredentials | undefined>;
  /** Persists the refresh token the service rotated to; false when that device is no longer the enrolled one. */
  rotate(deviceId: string, grant: RefreshGrant): Promise<boolean>;
}

export interface GatewayOptions {
  http: ServiceHttp;
  clock: Clock;
  log: CoreLog;
  credentials: CredentialSource;
  /** The service said this laptop's device or person is revoked: erase the local data. */
  onWipeDemanded(): Promise<void>;
}

export interface ProbeResult {
  serviceUrl: string;
  service: string;
  version: string;
  caFingerprint: string;
  caCertificate: string;
}

/** Refresh a little early, so a token never expires between the check and the service reading it. */
const ACCESS_TOKEN_MARGIN_MS = 30_000;

interface AccessToken {
  deviceId: string;
  token: string;
  /** On the core's monotonic clock: immune to the laptop's wall clock being wrong. */
  validUntil: number;
}

export interface DeviceCallOptions<N extends RouteName> extends Omit<CallOptions<N>, 'token'> {
  /** 'wipe' (default): a revocation answer wipes the laptop. 'report': only reported (logout wipes anyway). */
  onRevoked?: 'wipe' | 'report';
}

export class ServiceGateway {
  private access: AccessToken | undefined;
  private refreshing: Promise<AccessToken> | undefined;

  constructor(private readonly options: GatewayOptions) {}

  /** Is there a Quartermaster service at this address, and which CA does it use? */
  async probe(serviceUrl: string): Promise<ProbeResult> {
    const { http } = this.options;
    try {
      const [health, ca] = await Promise.all([http.call(serviceUrl, 'health'), http.call(serviceUrl, 'caCertificate')]);
      // The fingerprint shown to the officer is computed here, never taken on the service's word.
      let fingerprint: string;
      try {
        fingerprint = certificateFingerprint(ca.data.caCertificate);
      } catch {
        throw new ServiceCallError('bad_response', 'The service CA certificate cannot be read');
      }
      if (fingerprint !== ca.data.fingerprintSha256) throw new ServiceCallError('bad_response', 'The service CA fingerprint does not match its certificate');
      return { serviceUrl, service: health.data.service, version: health.data.version, caFingerprint: fingerprint, caCertificate: ca.data.caCertificate };
    } catch (error) {
      throw toAppError(error, 'probe');
    }
  }

  async login(serviceUrl: string, request: LoginRequest): Promise<ServiceAnswer<LoginResponse>> {
    try {
      return await this.options.http.call(serviceUrl, 'login', { body: request });
    } catch (error) {
      throw toAppError(error, 'login');
    }
  }

  async enrol(serviceUrl: string, enrolmentToken: string, csr: string): Promise<ServiceAnswer<EnrolResponse>> {
    try {
      return await this.options.http.call(serviceUrl, 'enrol', { body: { csr }, token: enrolmentToken });
    } catch (error) {
      throw toAppError(error, 'enrol');
    }
  }

  /** Enrolment's first access token, kept so the first device call needs no refresh. */
  adoptTokens(deviceId: string, tokens: TokenGrant, serverTime: number | undefined): void {
    this.access = this.accessFrom(deviceId, tokens, serverTime);
  }

  /** Drops the access token from memory (lock, wipe): the next device call refreshes. */
  forget(): void {
    this.access = undefined;
  }

  me(): Promise<MeResponse> {
    return this.deviceCall('me').then((answer) => answer.data);
  }

  /** Revokes this device at the service (the officer logs out); the caller wipes the laptop whatever the outcome. */
  async logout(timeoutMs: number): Promise<void> {
    await this.deviceCall('logout', { timeoutMs, onRevoked: 'report' });
  }

  /**
   * A call as the enrolled device. An access token the service calls
   * expired or invalid (its clock differs from ours, its key changed) is
   * refreshed once and the call repeated once.
   */
  async deviceCall<N extends RouteName>(name: N, options: DeviceCallOptions<N> = {}): Promise<ServiceAnswer<RouteOutput<N>>> {
    const { onRevoked = 'wipe', ...callOptions } = options;
    return this.asDevice(onRevoked, (serviceUrl, token) => this.options.http.call(serviceUrl, name, { ...callOptions, token }));
  }

  /** `deviceCall` whose successful answer comes back as it came off the wire, unread (see ServiceHttp.callEncoded). */
  async deviceCallEncoded<N extends RouteName>(name: N, options: DeviceCallOptions<N> = {}): Promise<ServiceAnswer<EncodedBody>> {
    const { onRevoked = 'wipe', ...callOptions } = options;
    return this.asDevice(onRevoked, (serviceUrl, token) => this.options.http.callEncoded(serviceUrl, name, { ...callOptions, token }));
  }

  private async asDevice<T>(onRevoked: 'wipe' | 'report', exchange: (serviceUrl: string, token: string) => Promise<T>): Promise<T> {
    try {
      const credentials = await this.options.credentials.read();
      if (!credentials) throw new AppError('identity.not_enrolled', 'This laptop is not enrolled');
      let access = await this.accessToken(credentials, false);
      try {
        return await exchange(credentials.serviceUrl, access.token);
      } catch (error) {
        if (!isStaleToken(error)) throw error;
        this.forget();
        access = await this.accessToken(credentials, true);
        return await exchange(credentials.serviceUrl, access.token);
      }
    } catch (error) {
      if (demandsWipe(error)) {
        this.forget();
        if (onRevoked === 'wipe') await this.options.onWipeDemanded();
        throw new AppError('identity.revoked', 'The service has revoked this device or its holder');
      }
      throw toAppError(error, 'device');
    }
  }

  private async accessToken(credentials: DeviceCredentials, force: boolean): Promise<AccessToken> {
    const current = this.access;
    if (!force && current && current.deviceId === credentials.deviceId && this.options.clock.monotonic() < current.validUntil) return current;
    // One refresh at a time: two would rotate the token twice and the second answer would orphan the first.
    this.refreshing ??= this.refresh(credentials).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async refresh(credentials: DeviceCredentials): Promise<AccessToken> {
    const answer = await this.options.http.call(credentials.serviceUrl, 'refresh', {
      body: { deviceId: credentials.deviceId, refreshToken: credentials.refreshToken },
    });
    const { tokens } = answer.data;
    let saved = false;
    try {
      saved = await this.options.credentials.rotate(credentials.deviceId, { token: tokens.refreshToken, expiresAt: tokens.refreshTokenExpiresAt });
    } catch (error) {
      // Locked meanwhile: the stored token is the one just presented, which the service accepts once more.
      this.options.log.warn('The rotated refresh token could not be saved; the previous one stays valid once', error);
    }
    const access = this.accessFrom(credentials.deviceId, tokens, answer.serverTime);
    // Kept only when saved: otherwise the laptop is locked or enrolled anew, and this token belongs to nobody.
    if (saved) this.access = access;
    return access;
  }

  private accessFrom(deviceId: string, tokens: TokenGrant, serverTime: number | undefined): AccessToken {
    // The lifetime is judged on the service's clock and counted on ours, so a skewed laptop clock does not matter.
    const lifetime = Date.parse(tokens.accessTokenExpiresAt) - (serverTime ?? this.options.clock.now());
    return { deviceId, token: tokens.accessToken, validUntil: this.options.clock.monotonic() + lifetime - ACCESS_TOKEN_MARGIN_MS };
  }
}

function isStaleToken(error: unknown): boolean {
  return (
    error instanceof ServiceCallError &&
    error.kind === 'refused' &&
    (error.refusal?.code === 'auth.token_expired' || error.refusal?.code === 'auth.token_invalid')
  );
}
