import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'otplib';
import type { Role } from '@shared/service/common';
import { ErrorResponseSchema } from '@shared/service/errors';
import { AcceptanceCertificateSchema, InvoiceSchema, type AcceptanceCertificate, type Invoice } from '@shared/service/documents';
import {
  AdminCertificateListSchema,
  AdminInvoiceListSchema,
  type CertificateActionRequest,
  type CertificateIssueRequest,
  type InvoiceIssueRequest,
} from '@shared/service/documents-admin';
import { AdminOrderListSchema } from '@shared/service/orders-admin';
import { OrderSchema, type Order, type OrderActionRequest } from '@shared/service/orders';
import { DEFAULT_THROTTLE_POLICY } from '../../src-server/auth/throttle';
import { loadExistingAuthority } from '../../src-server/ca/authority';
import { issueCertificate } from '../../src-server/documents/certificate-issue';
import { OrganisationKeyring } from '../../src-server/documents/keyring';
import { dataPaths } from '../../src-server/paths';
import { revokeDevice } from '../../src-server/provisioning/devices';
import { issueEnrolmentCode } from '../../src-server/provisioning/enrolment-codes';
import { addPerson, revokePerson } from '../../src-server/provisioning/persons';
import { addUnit } from '../../src-server/provisioning/units';
import { startService, type RunningService } from '../../src-server/service';
import { openDatabase, type Db } from '../../src-server/store/database';
import { findDevice, type DeviceRecord } from '../../src-server/store/devices';
import { findUnitByNumber } from '../../src-server/store/units';

/**
 * The reference service as the core meets it: a real listening socket on
 * 127.0.0.1, its own data directory, real password hashing, TOTP and CA.
 * Persons are provisioned through the service's own provisioning layer on
 * a connection of its own, as the admin command line does. The service's
 * clock is the real one, shifted by `skewMs` when a test needs tokens to
 * expire; TOTP codes are computed on that clock, as an authenticator app
 * in sync with the service would.
 */
export interface Officer {
  username: string;
  fullName: string;
  password: string;
  totpSecret: string;
  enrolmentCode: string;
  roles: Role[];
  unitNumber: string;
  unitName: string;
}

export class TestService {
  skewMs = 0;
  private running: RunningService | undefined;
  private port = 0;
  private counter = 0;

  private constructor(
    readonly dataDir: string,
    private readonly demo: boolean,
  ) {}

  /** `demo` seeds the demo world on first start: catalogue, units with budgets (А4271, А7318, 3091), hromadas. */
  static async start(options: { demo?: boolean } = {}): Promise<TestService> {
    const service = new TestService(mkdtempSync(join(tmpdir(), 'qm-core-service-')), options.demo ?? false);
    await service.resume();
    return service;
  }

  /** The service's clock. */
  readonly now = (): number => Date.now() + this.skewMs;

  get url(): string {
    if (!this.running) throw new Error('The service is stopped');
    return this.running.url;
  }

  get caFingerprint(): string {
    if (!this.running) throw new Error('The service is stopped');
    return this.running.caFingerprint;
  }

  /** Stops listening; the data directory stays, so `resume` brings the same service back on the same port. */
  async stop(): Promise<void> {
    await this.running?.close();
    this.running = undefined;
  }

  async resume(): Promise<void> {
    if (this.running) return;
    const quiet = { info: () => {}, warn: () => {}, error: (message: string, detail?: unknown) => console.error(message, detail) };
    // Every test connects from 127.0.0.1: the per-address limit (20 failures) would make one file's refusals
    // block the next test's login. The per-username limit, which tests exercise, stays as shipped.
    const throttle = { address: { ...DEFAULT_THROTTLE_POLICY.address, blockAfter: 1_000 } };
    this.running = await startService({ dataDir: this.dataDir, host: '127.0.0.1', port: this.port, now: this.now, log: quiet, throttle, demo: this.demo });
    this.port = this.running.port;
  }

  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** A person with a password, TOTP secret and fresh enrolment code, in unit А1234 unless told otherwise. */
  async provision(options: { roles?: Role[]; fullName?: string; unitNumber?: string; codeHours?: number } = {}): Promise<Officer> {
    this.counter += 1;
    const username = `officer-${process.pid}-${this.counter}`;
    const unitNumber = options.unitNumber ?? 'А1234';
    const unitName = `Бригада ${unitNumber}`;
    const fullName = options.fullName ?? `Коваленко Олена ${this.counter}`;
    const roles = options.roles ?? ['orderer', 'receiver'];
    return this.withDb(async (db) => {
      if (!findUnitByNumber(db, unitNumber)) addUnit(db, this.now, { name: unitName, number: unitNumber, tier: 1 });
      const added = await addPerson(db, this.now, { unit: unitNumber, fullName, username, roles });
      const code = issueEnrolmentCode(db, this.now, { username, hours: options.codeHours ?? 72 });
      return { username, fullName, password: added.password, totpSecret: added.totpSecret, enrolmentCode: code.code, roles, unitNumber, unitName };
    });
  }

  /** Another one-time code for the same person (the first one was spent). */
  newCode(officer: Officer): Promise<string> {
    return this.withDb(async (db) => issueEnrolmentCode(db, this.now, { username: officer.username }).code);
  }

  /** The code an authenticator app shows now; `steps` later codes are still accepted once each (±1 step). */
  totp(officer: Officer, steps = 0): Promise<string> {
    return generate({ secret: officer.totpSecret, epoch: Math.floor(this.now() / 1000) + steps * 30 });
  }

  revokeDevice(deviceId: string): Promise<void> {
    return this.withDb(async (db) => {
      revokeDevice(db, this.now, deviceId, 'laptop lost in the field');
    });
  }

  revokePerson(officer: Officer): Promise<void> {
    return this.withDb(async (db) => {
      revokePerson(db, this.now, officer.username, 'transferred to another unit');
    });
  }

  device(deviceId: string): Promise<DeviceRecord | undefined> {
    return this.withDb(async (db) => findDevice(db, deviceId));
  }

  /** The admin API's bearer token, as the operator reads it (`npm run admin -- token`) from the data directory. */
  adminToken(): string {
    return readFileSync(dataPaths(this.dataDir).adminToken, 'utf8').trim();
  }

  /** Orders as the agency sees them (every unit's, or one unit's), newest first, through the admin API. */
  async orders(unitNumber?: string): Promise<Order[]> {
    const query = unitNumber === undefined ? '' : `?unit=${encodeURIComponent(unitNumber)}`;
    return AdminOrderListSchema.parse(await this.admin('GET', `/v1/admin/orders${query}`)).orders;
  }

  /** The agency's or a supplier's action on an order (by id or number) through the admin API; a refusal throws with its code. */
  async orderAction(idOrNumber: string, request: OrderActionRequest): Promise<Order> {
    return OrderSchema.parse(await this.admin('POST', `/v1/admin/orders/${encodeURIComponent(idOrNumber)}/actions`, request));
  }

  /** The supplier ships an order (by id or number) and issues its signed invoice: every outstanding quantity, or the lines given. */
  async issueInvoice(orderIdOrNumber: string, request: InvoiceIssueRequest = {}): Promise<Invoice> {
    return InvoiceSchema.parse(await this.admin('POST', `/v1/admin/orders/${encodeURIComponent(orderIdOrNumber)}/invoices`, request));
  }

  /** Invoices as suppliers and the agency see them (every unit's, or one unit's), newest first. */
  async invoices(unitNumber?: string): Promise<Invoice[]> {
    return AdminInvoiceListSchema.parse(await this.admin('GET', `/v1/admin/invoices${unitQuery(unitNumber)}`)).invoices;
  }

  /** The supplier draws up and signs an acceptance certificate of the unit's received invoices. */
  async issueCertificate(request: CertificateIssueRequest): Promise<AcceptanceCertificate> {
    return AcceptanceCertificateSchema.parse(await this.admin('POST', '/v1/admin/certificates', request));
  }

  /** The agency signs third (`agency_sign`) or pays (`pay`); a refusal throws with its code. */
  async certificateAction(idOrNumber: string, action: CertificateActionRequest['action']): Promise<AcceptanceCertificate> {
    return AcceptanceCertificateSchema.parse(await this.admin('POST', `/v1/admin/certificates/${encodeURIComponent(idOrNumber)}/actions`, { action }));
  }

  async certificates(unitNumber?: string): Promise<AcceptanceCertificate[]> {
    return AdminCertificateListSchema.parse(await this.admin('GET', `/v1/admin/certificates${unitQuery(unitNumber)}`)).certificates;
  }

  /**
   * TEST HOOK: a certificate that lists invoices without checking that the
   * unit received them, as a careless or dishonest supplier might send one.
   * The admin API never does this; the commander's laptop must refuse to
   * sign it, and the service refuses the signature if one arrives.
   */
  uncheckedCertificate(request: CertificateIssueRequest): Promise<AcceptanceCertificate> {
    return this.withDb(async (db) => {
      const paths = dataPaths(this.dataDir);
      const keyring = new OrganisationKeyring(paths.organisationKeys, loadExistingAuthority(paths));
      return issueCertificate({ db, keyring, now: this.now() }, request, { unchecked: true });
    });
  }

  private async admin(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.adminToken()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await response.json()) as unknown;
    if (!response.ok) {
      const error = ErrorResponseSchema.safeParse(answer);
      const message = `${method} ${path}: ${response.status} ${error.success ? `${error.data.code}: ${error.data.message}` : JSON.stringify(answer)}`;
      throw Object.assign(new Error(message), { status: response.status, code: error.success ? error.data.code : undefined });
    }
    return answer;
  }

  private async withDb<T>(task: (db: Db) => Promise<T>): Promise<T> {
    const db = openDatabase(dataPaths(this.dataDir).database);
    try {
      return await task(db);
    } finally {
      db.close();
    }
  }
}

function unitQuery(unitNumber: string | undefined): string {
  return unitNumber === undefined ? '' : `?unit=${encodeURIComponent(unitNumber)}`;
}

/** The login payload the wizard sends for `officer`, with a current TOTP code. */
export async function loginRequest(service: TestService, officer: Officer, overrides: Record<string, string> = {}) {
  return {
    serviceUrl: service.url,
    username: officer.username,
    password: officer.password,
    enrolmentCode: officer.enrolmentCode,
    totp: await service.totp(officer),
    ...overrides,
  };
}

/** Something that is not a Quartermaster service: a web server answering every request with an HTML page. */
export async function startHtmlServer(status = 200): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><html><head><title>Welcome</title></head><body>It works!</body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port that accepts connections and never answers (a link that hangs), on a given port or a free one. */
export async function startBlackHole(port = 0): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: TcpServer = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on which nothing listens (bound, noted and released). */
export async function closedPortUrl(): Promise<string> {
  const hole = await startBlackHole();
  await hole.close();
  return hole.url;
}
