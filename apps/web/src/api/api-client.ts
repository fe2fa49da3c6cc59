import { isErrorBody, type AuthResponse, type RefreshRequest } from '@app/contracts';
import { ApiError } from './api-error';
import { memoryLedger, type RotationLedger } from './rotation-ledger';
import type { TokenStore } from './token-store';

/** Runs a task while holding a lock shared by every tab of the origin. */
export type Lock = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * Each refresh token works once, and replaying a used one revokes the whole session. Two tabs
 * refreshing at the same moment would do exactly that, so the refresh runs under a Web Lock where
 * the browser has them (secure contexts), and re-reads the store inside it.
 */
export const webLock: Lock = (task) => {
  if (typeof navigator === 'undefined' || !navigator.locks) return task();
  const { locks } = navigator;
  // the lock is held until the callback's promise settles
  return new Promise((resolve, reject) => {
    locks.request('anchor-academy:auth-refresh', () => task().then(resolve, reject)).catch(reject);
  });
};

export interface ApiClientOptions {
  tokens: TokenStore;
  /** '' for same-origin, which is how the api serves this client */
  baseUrl?: string;
  fetch?: typeof fetch;
  lock?: Lock;
  /** where tabs learn of each other's refreshes; see rotation-ledger.ts */
  ledger?: RotationLedger;
}

export interface RequestOptions {
  body?: unknown;
  /** send the access token, renewing it once if it expired (default true) */
  auth?: boolean;
  signal?: AbortSignal;
  /** extra request headers, e.g. `Idempotency-Key` */
  headers?: Record<string, string>;
}

export class ApiClient {
  private readonly tokens: TokenStore;
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;
  private readonly lock: Lock;
  private readonly ledger: RotationLedger;
  private refreshing: Promise<void> | null = null;
  private readonly sessionEndedListeners = new Set<(reason: ApiError) => void>();

  constructor(opts: ApiClientOptions) {
    this.tokens = opts.tokens;
    this.baseUrl = opts.baseUrl ?? '';
    // called through a closure: browsers reject `fetch` invoked with another `this`
    this.fetchFn = opts.fetch ?? ((input, init) => fetch(input, init));
    this.lock = opts.lock ?? webLock;
    this.ledger = opts.ledger ?? memoryLedger();
  }

  get<T>(path: string, opts: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('GET', path, opts);
  }

  post<T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('POST', path, { ...opts, body });
  }

  /** Forget this device's session (after signing out). */
  clearSession(): void {
    this.tokens.clear();
    this.ledger.clear().catch(() => undefined);
  }

  /** Called when the api ends the session (revoked, reused or invalid tokens); tokens are gone by then. */
  onSessionEnded(listener: (reason: ApiError) => void): () => void {
    this.sessionEndedListeners.add(listener);
    return () => this.sessionEndedListeners.delete(listener);
  }

  async request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const used = (opts.auth ?? true) ? this.tokens.get()?.accessToken : undefined;
    try {
      return await this.send<T>(method, path, opts, used);
    } catch (e) {
      if (!used || !(e instanceof ApiError) || e.status !== 401) throw e;
      if (e.code !== 'AUTH_TOKEN_EXPIRED') throw this.endSession(e);
    }
    await this.refresh(used);
    try {
      return await this.send<T>(method, path, opts, this.tokens.get()?.accessToken);
    } catch (e) {
      throw e instanceof ApiError && e.status === 401 ? this.endSession(e) : e;
    }
  }

  /** Single flight: every call that saw the same expired token waits for one refresh. */
  private refresh(expiredAccessToken: string): Promise<void> {
    this.refreshing ??= this.lock(() => this.rotate(expiredAccessToken)).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async rotate(expiredAccessToken: string): Promise<void> {
    const current = this.tokens.get();
    if (!current) throw this.endSession(new ApiError(401, 'UNAUTHENTICATED', 'Signed out.'));
    // another call of this tab renewed it while this one waited
    if (current.accessToken !== expiredAccessToken) return;
    const last = await this.ledger.read().catch(() => undefined);
    if (last?.replaced === current.refreshToken) {
      // another tab used this refresh token up; its write to localStorage has not reached us yet
      this.tokens.set(last.tokens);
      return;
    }
    try {
      const body: RefreshRequest = { refreshToken: current.refreshToken };
      const res = await this.send<AuthResponse>('POST', '/api/auth/refresh', { body }, undefined);
      this.tokens.set(res.tokens);
      await this.ledger.write({ replaced: current.refreshToken, tokens: res.tokens }).catch(() => undefined);
    } catch (e) {
      // 400/401: the refresh token is no good any more. Anything else (offline, 5xx) keeps the
      // session so a rural connection dropping for a minute does not sign anyone out.
      if (e instanceof ApiError && (e.status === 400 || e.status === 401)) throw this.endSession(e);
      throw e;
    }
  }

  private endSession(reason: ApiError): ApiError {
    this.clearSession();
    for (const listener of this.sessionEndedListeners) listener(reason);
    return reason;
  }

  private async send<T>(
    method: string,
    path: string,
    opts: RequestOptions,
    accessToken: string | undefined,
  ): Promise<T> {
    const headers: Record<string, string> = { ...opts.headers, Accept: 'application/json' };
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
    let res: Response;
    let payload: unknown;
    try {
      res = await this.fetchFn(this.baseUrl + path, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: opts.signal,
      });
      payload = parseJson(await res.text());
    } catch (e) {
      if (opts.signal?.aborted) throw e;
      throw new ApiError(0, 'NETWORK_ERROR', e instanceof Error ? e.message : 'The request failed.');
    }
    if (res.ok) {
      if (res.status !== 204 && payload === undefined) throw badResponse(res.status);
      return payload as T;
    }
    if (isErrorBody(payload))
      throw new ApiError(res.status, payload.code, payload.message, payload.details ?? []);
    throw badResponse(res.status);
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function badResponse(status: number): ApiError {
  return new ApiError(status, 'BAD_RESPONSE', `Unexpected response (HTTP ${status}).`);
}
