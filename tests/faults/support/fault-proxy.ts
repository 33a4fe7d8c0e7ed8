import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';

/**
 * A fault-injecting HTTP proxy between a client core and a running service,
 * on node:http alone. (mockttp, the obvious choice, cannot be installed from
 * this registry: its optional dependency tls-impersonate@^0.2.1 does not
 * resolve, which leaves package-lock.json unusable for `npm ci`.)
 *
 * Every request is read whole, shown to `rule`, and then handled as the
 * rule says: passed on untouched (compressed answers stay compressed),
 * dropped, delayed, answered with a 5xx or an HTML page without reaching the
 * service, passed on with the connection reset AFTER the service answered
 * (the lost acknowledgement: the service committed, the client never hears),
 * cut off part way through the answer, left hanging, or passed on with its
 * JSON answer rewritten. Every exchange is logged, and the bytes on the wire
 * between the client and the proxy are counted (headers included).
 */

export type FaultAction =
  | { kind: 'pass' }
  /** Close the client's connection without forwarding anything. */
  | { kind: 'drop' }
  /** Forward, read the service's whole answer, then reset the client's connection: the service acted, the client never heard. */
  | { kind: 'reset_after' }
  /**
   * Wait, then forward (a slow link; with a long wait, the client's timeout).
   * With `late`, the request reaches the service even if the client has
   * given up meanwhile (it was on its way when the client timed out).
   */
  | { kind: 'delay'; ms: number; then?: FaultAction; late?: boolean }
  /** Answer without forwarding: a 5xx from a gateway, an HTML page from a captive portal. */
  | { kind: 'respond'; status: number; body: string; contentType: string }
  /** Forward, then send the status, the headers and only `fraction` of the body before closing. */
  | { kind: 'truncate'; fraction: number }
  /** Never answer (the client's timeout decides). */
  | { kind: 'hang' }
  /**
   * Forward (asking for an uncompressed answer) and send back what `rewrite`
   * makes of its JSON, uncompressed or in the content coding `encode` names.
   */
  | { kind: 'rewrite'; rewrite: (body: unknown, status: number) => unknown; encode?: 'gzip' | 'br' };

export interface Exchange {
  method: string;
  path: string;
  body: Buffer;
  /** This request's number among those to the same path, from 1. */
  nth: number;
}

export interface LoggedExchange {
  method: string;
  path: string;
  action: FaultAction['kind'];
  status?: number;
  /** Body bytes as they crossed the wire (compressed when the service compressed them). */
  requestBytes: number;
  responseBytes: number;
}

export type FaultRule = (exchange: Exchange) => FaultAction | Promise<FaultAction>;

export const pass: FaultRule = () => ({ kind: 'pass' });

export const SERVICE_UNAVAILABLE: FaultAction = {
  kind: 'respond',
  status: 503,
  body: '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>',
  contentType: 'text/html',
};

export const HTML_PAGE: FaultAction = {
  kind: 'respond',
  status: 200,
  body: '<!doctype html><html><head><title>Hotel Wi-Fi</title></head><body>Please log in to continue.</body></html>',
  contentType: 'text/html; charset=utf-8',
};

export class FaultProxy {
  rule: FaultRule = pass;
  readonly log: LoggedExchange[] = [];
  private readonly counts = new Map<string, number>();
  private readonly sockets = new Set<Socket>();
  private closedBytes = 0;
  /** Each live socket's byte count at the last resetCounters. */
  private baseline = new WeakMap<Socket, number>();
  private readonly hanging = new Set<ServerResponse>();
  /** Most requests ever open at once through the proxy (the client's concurrency). */
  maxInFlight = 0;
  private inFlight = 0;
  /** Exchanges the service has answered (forwarded ones), in the order it answered them. */
  readonly settled: LoggedExchange[] = [];

  private constructor(
    private readonly server: Server,
    private readonly upstream: () => string,
  ) {}

  /** `upstream` is asked on every request, so a restarted service on another port is followed. */
  static async start(upstream: () => string): Promise<FaultProxy> {
    const server = createServer();
    const proxy = new FaultProxy(server, upstream);
    server.on('request', (req, res) => {
      void proxy.handle(req, res);
    });
    server.on('connection', (socket) => proxy.track(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Requests to a path (e.g. '/v1/sync/pull') since the last `resetCounters`. */
  count(path: string): number {
    return this.log.filter((entry) => entry.path === path).length;
  }

  /** Request and answer bodies of every exchange since the last `resetCounters`. */
  payloadBytes(): number {
    return this.log.reduce((sum, entry) => sum + entry.requestBytes + entry.responseBytes, 0);
  }

  /** Bytes on the wire between client and proxy, both ways, since the last `resetCounters`. */
  wireBytes(): number {
    let live = 0;
    for (const socket of this.sockets) live += socket.bytesRead + socket.bytesWritten - (this.baseline.get(socket) ?? 0);
    return this.closedBytes + live;
  }

  resetCounters(): void {
    this.log.length = 0;
    this.settled.length = 0;
    this.maxInFlight = this.inFlight;
    this.counts.clear();
    this.closedBytes = 0;
    this.baseline = new WeakMap();
    for (const socket of this.sockets) this.baseline.set(socket, socket.bytesRead + socket.bytesWritten);
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => {
      if (this.sockets.delete(socket)) this.closedBytes += socket.bytesRead + socket.bytesWritten - (this.baseline.get(socket) ?? 0);
    });
    socket.on('error', () => {});
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    let counted = true;
    const done = () => {
      if (counted) this.inFlight -= 1;
      counted = false;
    };
    // 'close' comes when the answer is done or the connection is gone, whichever is first.
    res.on('close', done);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = (req.url ?? '/').split('?')[0] as string;
    const nth = (this.counts.get(path) ?? 0) + 1;
    this.counts.set(path, nth);
    const entry: LoggedExchange = { method: req.method ?? 'GET', path, action: 'pass', requestBytes: body.length, responseBytes: 0 };
    this.log.push(entry);
    let action: FaultAction;
    try {
      action = await this.rule({ method: entry.method, path, body, nth });
    } catch {
      action = { kind: 'drop' };
    }
    await this.act(action, req, res, body, entry);
  }

  private async act(action: FaultAction, req: IncomingMessage, res: ServerResponse, body: Buffer, entry: LoggedExchange): Promise<void> {
    entry.action = action.kind;
    switch (action.kind) {
      case 'drop':
        req.socket.destroy();
        return;
      case 'hang':
        this.hanging.add(res);
        res.on('close', () => this.hanging.delete(res));
        return;
      case 'delay':
        await new Promise((resolve) => setTimeout(resolve, action.ms));
        if (req.socket.destroyed && !action.late) return;
        return this.act(action.then ?? { kind: 'pass' }, req, res, body, entry);
      case 'respond':
        entry.status = action.status;
        res.writeHead(action.status, { 'content-type': action.contentType, 'content-length': Buffer.byteLength(action.body) });
        res.end(action.body);
        return;
      default:
        break;
    }
    let answer: { status: number; headers: IncomingHttpHeaders; body: Buffer };
    try {
      answer = await this.forward(req, body, action.kind === 'rewrite');
    } catch {
      // The service is down: what a reverse proxy in front of it would say.
      entry.status = 502;
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body>502 Bad Gateway</body></html>');
      return;
    }
    entry.status = answer.status;
    this.settled.push(entry);
    switch (action.kind) {
      case 'pass':
        entry.responseBytes = answer.body.length;
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
        return;
      case 'reset_after':
        req.socket.destroy();
        return;
      case 'truncate': {
        res.writeHead(answer.status, answer.headers);
        const cut = Math.max(0, Math.min(answer.body.length - 1, Math.floor(answer.body.length * action.fraction)));
        res.write(answer.body.subarray(0, cut), () => setTimeout(() => req.socket.destroy(), 5));
        return;
      }
      case 'rewrite': {
        const parsed = JSON.parse(answer.body.toString('utf8')) as unknown;
        const text = Buffer.from(JSON.stringify(action.rewrite(parsed, answer.status)), 'utf8');
        const body = action.encode === 'gzip' ? gzipSync(text) : action.encode === 'br' ? brotliCompressSync(text) : text;
        const headers = { ...answer.headers, 'content-length': String(body.byteLength) };
        delete headers['content-encoding'];
        delete headers['transfer-encoding'];
        if (action.encode) headers['content-encoding'] = action.encode;
        res.writeHead(answer.status, headers);
        res.end(body);
        return;
      }
    }
  }

  private forward(req: IncomingMessage, body: Buffer, identity: boolean): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
    const target = new URL(req.url ?? '/', this.upstream());
    const headers: IncomingHttpHeaders = { ...req.headers, host: target.host, connection: 'close' };
    if (identity) headers['accept-encoding'] = 'identity';
    return new Promise((resolve, reject) => {
      const upstream = httpRequest(
        { host: target.hostname, port: target.port, method: req.method, path: target.pathname + target.search, headers, agent: false },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const out = { ...response.headers };
            delete out.connection;
            delete out['keep-alive'];
            delete out['transfer-encoding'];
            const buffer = Buffer.concat(chunks);
            out['content-length'] = String(buffer.length);
            resolve({ status: response.statusCode ?? 502, headers: out, body: buffer });
          });
          response.on('error', reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });
  }
}
