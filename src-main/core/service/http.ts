import axios, { isAxiosError, type AxiosInstance, type AxiosResponse } from 'axios';
import { z } from 'zod';
import { serviceRoutes, type RouteBody, type RouteName, type ServiceRoutes } from '@shared/service/routes';
import { ServiceCallError, type ServiceRefusal } from './call-error';
import { contentCodingOf, decodeBody, type ContentCoding, type EncodedBody } from './encoded-body';
import { parseJson, readAnswer } from './read-answer';

/**
 * One HTTP exchange with the service, and nothing else: no tokens kept, no
 * retries, no knowledge of what a call means. Every answer is judged
 * against the shared route table, so whatever reaches the rest of the core
 * is either data of the documented shape or a ServiceCallError saying why
 * not. (The gateway above this decides what an answer means.)
 */

/** Long enough for a slow field link, short enough that a dead one is reported while the officer still waits. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Enrolment and standing answers are a few kilobytes; later sync pages pass their own limit. */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

export { ServiceCallError, type ServiceCallFailure, type ServiceRefusal } from './call-error';

export interface ServiceAnswer<T> {
  data: T;
  /** The service's clock from the Date header (epoch ms), when it sent one: lets the core tolerate its own clock's skew. */
  serverTime: number | undefined;
}

export type RouteOutput<N extends RouteName> = z.output<ServiceRoutes[N]['response']>;

export interface CallOptions<N extends RouteName> {
  body?: RouteBody<N>;
  params?: Record<string, string>;
  /** Bearer token (enrolment or access token). */
  token?: string;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Aborts this request (the sync engine stopping on lock); reported like the core closing, as 'aborted'. */
  signal?: AbortSignal;
}

export interface ServiceHttpOptions {
  userAgent: string;
  timeoutMs?: number;
  /** Aborts every request in flight (the core is closing). */
  signal?: AbortSignal;
}

const ErrorBodySchema = z.object({
  code: z.string().min(1).max(128),
  message: z.string().max(4096),
  wipe: z.boolean().optional(),
  retryAfterSeconds: z.number().nonnegative().optional(),
});

/** Answers that mean "the service (or what stands before it) is not there right now", not "it refused". */
const UNAVAILABLE_STATUSES = new Set([502, 503, 504]);

export class ServiceHttp {
  private readonly axios: AxiosInstance;
  private readonly timeoutMs: number;

  constructor(private readonly options: ServiceHttpOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.axios = axios.create({
      // Node's http/https stack, in Electron's main process as in tests; never the renderer's fetch.
      adapter: 'http',
      // The body is judged here, not guessed at by axios: an HTML page must not turn into a string "response".
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      // Every status is an answer to read; statuses are judged below.
      validateStatus: () => true,
      // A redirect could downgrade https to http or carry a token to another host.
      maxRedirects: 0,
      decompress: true,
    });
  }

  async call<N extends RouteName>(baseUrl: string, name: N, options: CallOptions<N> = {}): Promise<ServiceAnswer<RouteOutput<N>>> {
    const response = await this.exchange(baseUrl, name, options, 'text');
    return judge(response, name, (body) => readAnswer(serviceRoutes[name].response, textOf(body), name)) as ServiceAnswer<RouteOutput<N>>;
  }

  /**
   * Like `call`, but a successful answer comes back as it came off the
   * wire, unread and still compressed: for a caller that decodes and reads
   * it off the main thread (the sync engine's large pull answers, see
   * sync/pull-worker.ts), with `decodeBody` and `readAnswer`. Bytes, not
   * text, so that they live outside this thread's heap and move to another
   * thread without a copy. `maxResponseBytes` bounds the bytes received
   * here; the caller bounds the decoded ones. A refusal is decoded here
   * (it is small) and judged as `call` judges it.
   */
  async callEncoded<N extends RouteName>(baseUrl: string, name: N, options: CallOptions<N> = {}): Promise<ServiceAnswer<EncodedBody>> {
    const response = await this.exchange(baseUrl, name, options, 'arraybuffer', false);
    const coding = contentCodingOf(response.headers['content-encoding']);
    const bytes = Buffer.isBuffer(response.data) ? response.data : Buffer.from(textOf(response.data as string), 'utf8');
    if (response.status < 200 || response.status >= 300) {
      return judge({ ...response, data: refusalText(bytes, coding, options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, name) }, name, () => {
        throw new Error('unreachable: judge reads only a 2xx answer');
      });
    }
    if (!coding) throw new ServiceCallError('bad_response', `${name}: the answer is in a content coding this client does not read`);
    return judge(response, name, () => ({ bytes, coding }));
  }

  private async exchange<N extends RouteName>(
    baseUrl: string,
    name: N,
    options: CallOptions<N>,
    responseType: 'text' | 'arraybuffer',
    decompress = true,
  ): Promise<AxiosResponse<unknown>> {
    const route = serviceRoutes[name];
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    // `false` keeps axios from adding its default form content type to a POST without a body.
    const headers: Record<string, string | false> = { accept: 'application/json', 'user-agent': this.options.userAgent, 'content-type': false };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    let data: string | undefined;
    if (options.body !== undefined) {
      data = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    // axios's own timeout restarts with every byte; the signal is a hard deadline for the whole exchange.
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = AbortSignal.any([deadline, ...(this.options.signal ? [this.options.signal] : []), ...(options.signal ? [options.signal] : [])]);

    let response: AxiosResponse<unknown>;
    try {
      response = await this.axios.request<unknown>({
        responseType,
        method: route.method,
        url: `${baseUrl}${fillPath(route.path, options.params)}`,
        headers,
        data,
        timeout: timeoutMs,
        signal,
        decompress,
        maxContentLength: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      });
    } catch (error) {
      throw this.transportFailure(error, name, options.signal);
    }
    return response;
  }

  private transportFailure(error: unknown, name: RouteName, callSignal: AbortSignal | undefined): ServiceCallError {
    if (this.options.signal?.aborted) return new ServiceCallError('aborted', `${name}: the core is closing`);
    if (callSignal?.aborted) return new ServiceCallError('aborted', `${name}: cancelled`);
    if (isAxiosError(error)) {
      if (error.message.includes('maxContentLength')) return new ServiceCallError('bad_response', `${name}: the answer is too large`);
      // Refused or reset connections, DNS failures, TLS failures, timeouts: the service cannot be reached as it should be.
      return new ServiceCallError('unreachable', `${name}: ${error.code ?? 'network error'}: ${error.message}`);
    }
    return new ServiceCallError('unreachable', `${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function fillPath(path: string, params: Record<string, string> | undefined): string {
  return path.replace(/:([A-Za-z]+)/gu, (_match, key: string) => {
    const value = params?.[key];
    if (value === undefined) throw new Error(`Missing path parameter ${key} for ${path}`);
    return encodeURIComponent(value);
  });
}

function serverTimeOf(response: AxiosResponse): number | undefined {
  const header = response.headers.date as unknown;
  if (typeof header !== 'string') return undefined;
  const time = Date.parse(header);
  return Number.isFinite(time) ? time : undefined;
}

function isJson(response: AxiosResponse): boolean {
  const type = response.headers['content-type'] as unknown;
  return typeof type === 'string' && /^application\/(?:[\w.+-]+\+)?json\b/iu.test(type.trim());
}

/** A refusal's body as text; one that cannot be decoded reads as empty (judged like a refusal without a service error body). */
function refusalText(bytes: Buffer, coding: ContentCoding | undefined, maxBytes: number, name: RouteName): string {
  if (!coding) return '';
  try {
    return decodeBody({ bytes, coding }, maxBytes, name).toString('utf8');
  } catch {
    return '';
  }
}

function textOf(body: string | Buffer): string {
  return typeof body === 'string' ? body : body.toString('utf8');
}

/** A 2xx JSON answer goes to `read`; anything else becomes the ServiceCallError it means. */
function judge<T>(response: AxiosResponse<unknown>, name: RouteName, read: (body: string | Buffer) => T): ServiceAnswer<T> {
  const { status } = response;
  const serverTime = serverTimeOf(response);
  const json = isJson(response) && (typeof response.data === 'string' || Buffer.isBuffer(response.data));

  if (status >= 200 && status < 300) {
    if (!json) throw new ServiceCallError('bad_response', `${name}: HTTP ${status} without a JSON body (not a Quartermaster service?)`);
    return { data: read(response.data as string | Buffer), serverTime };
  }

  const body = json ? parseJson(textOf(response.data as string | Buffer)) : ({ ok: false } as const);
  const error = body.ok ? ErrorBodySchema.safeParse(body.value) : undefined;
  if (!error?.success) {
    if (UNAVAILABLE_STATUSES.has(status)) throw new ServiceCallError('unreachable', `${name}: HTTP ${status} (service unavailable)`);
    throw new ServiceCallError('bad_response', `${name}: HTTP ${status} without a service error body`);
  }
  const refusal: ServiceRefusal = {
    status,
    code: error.data.code,
    message: error.data.message,
    wipe: error.data.wipe === true,
  };
  const retryAfterMs = retryAfter(response, serverTime) ?? (error.data.retryAfterSeconds === undefined ? undefined : error.data.retryAfterSeconds * 1000);
  if (retryAfterMs !== undefined) refusal.retryAfterMs = retryAfterMs;
  throw new ServiceCallError('refused', `${name}: ${status} ${refusal.code}: ${refusal.message}`, refusal);
}

/** Retry-After is either seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfter(response: AxiosResponse, serverTime: number | undefined): number | undefined {
  const header = response.headers['retry-after'] as unknown;
  if (typeof header !== 'string' || header.trim() === '') return undefined;
  const text = header.trim();
  if (/^\d+$/u.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (!Number.isFinite(at)) return undefined;
  return Math.max(0, at - (serverTime ?? Date.now()));
}
