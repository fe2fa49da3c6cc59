import type { AuthResponse, AuthTokens, ErrorBody } from '@app/contracts';
import { ApiClient } from './api-client';
import { ApiError } from './api-error';
import { AuthApi } from './auth-api';
import { memoryLedger } from './rotation-ledger';
import { memoryStorage, storageTokenStore, type TokenStore } from './token-store';

// A scripted stand-in for the api: it lets these unit tests hold responses back to create the
// concurrency the real rotating refresh endpoint punishes. The browser test drives the real api.
type Handler = (req: {
  path: string;
  method: string;
  auth: string | null;
  body: unknown;
}) => Promise<Response> | Response;

function json(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}
const error = (status: number, code: ErrorBody['code'], message = code) => json(status, { code, message });

function tokens(n: number): AuthTokens {
  return {
    accessToken: `access-${n}`,
    refreshToken: `refresh-${n}`,
    expiresIn: 900,
    refreshExpiresAt: '2030-01-01T00:00:00Z',
  };
}

function setup(handler: Handler, stored: AuthTokens | null = tokens(1)) {
  const store: TokenStore = storageTokenStore(memoryStorage());
  if (stored) store.set(stored);
  const calls: string[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    const path = String(input);
    calls.push(`${init?.method ?? 'GET'} ${path} ${headers.get('Authorization') ?? '-'}`);
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    return handler({ path, method: init?.method ?? 'GET', auth: headers.get('Authorization'), body });
  };
  const client = new ApiClient({ tokens: store, fetch: fetchFn, lock: (task) => task() });
  return { client, store, calls };
}

describe('ApiClient', () => {
  it('returns the parsed body and sends the access token', async () => {
    const { client, calls } = setup(() => json(200, { id: 'u1' }));
    await expect(client.get('/api/auth/me')).resolves.toEqual({ id: 'u1' });
    expect(calls).toEqual(['GET /api/auth/me Bearer access-1']);
  });

  it('turns the api’s error shape into an ApiError with details', async () => {
    const details = [{ field: 'password', reason: 'minLength', message: 'too short' }];
    const { client } = setup(() =>
      json(400, { code: 'VALIDATION_FAILED', message: 'password: too short', details }),
    );
    const failure = await client.post('/api/auth/sign-up', {}, { auth: false }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', details });
    expect((failure as ApiError).fieldDetails()).toEqual({ password: details });
  });

  it('reports an unreachable api and a foreign answer with client-side codes', async () => {
    const offline = setup(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(offline.client.get('/api/auth/me')).rejects.toMatchObject({
      status: 0,
      code: 'NETWORK_ERROR',
    });
    const proxy = setup(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(proxy.client.get('/api/auth/me')).rejects.toMatchObject({
      status: 502,
      code: 'BAD_RESPONSE',
    });
  });

  it('renews an expired access token once for concurrent calls, then retries each', async () => {
    let releaseRefresh = (): void => undefined;
    const { client, store, calls } = setup(async ({ path, auth, body }) => {
      if (path === '/api/auth/refresh') {
        expect(body).toEqual({ refreshToken: 'refresh-1' });
        await new Promise<void>((resolve) => (releaseRefresh = resolve));
        return json(200, { user: {}, tokens: tokens(2) } as AuthResponse);
      }
      return auth === 'Bearer access-2' ? json(200, { path }) : error(401, 'AUTH_TOKEN_EXPIRED');
    });
    const pending = Promise.all([client.get('/api/a'), client.get('/api/b'), client.get('/api/c')]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    releaseRefresh();
    await expect(pending).resolves.toEqual([{ path: '/api/a' }, { path: '/api/b' }, { path: '/api/c' }]);
    expect(calls.filter((c) => c.startsWith('POST /api/auth/refresh'))).toHaveLength(1);
    expect(store.get()?.refreshToken).toBe('refresh-2');
  });

  it('does not refresh again for a call that failed with a token already renewed', async () => {
    const { client, store, calls } = setup(({ path, auth }) => {
      if (path === '/api/auth/refresh') return json(200, { user: {}, tokens: tokens(3) });
      if (auth === 'Bearer access-1') {
        store.set(tokens(2)); // another tab renewed meanwhile
        return error(401, 'AUTH_TOKEN_EXPIRED');
      }
      return json(200, { ok: auth });
    });
    await expect(client.get('/api/x')).resolves.toEqual({ ok: 'Bearer access-2' });
    expect(calls.some((c) => c.startsWith('POST /api/auth/refresh'))).toBe(false);
  });

  it('two tabs whose storage lags behind each other refresh once, and both carry on', async () => {
    // one refresh token, usable once, like the api; a replay revokes everything
    let used = false;
    let refreshCalls = 0;
    const api: typeof fetch = async (input, init) => {
      const auth = new Headers(init?.headers).get('Authorization');
      if (String(input) === '/api/auth/refresh') {
        refreshCalls += 1;
        if (used) return error(401, 'AUTH_REFRESH_REUSED');
        used = true;
        return json(200, { user: {}, tokens: tokens(2) });
      }
      return auth === 'Bearer access-2' ? json(200, { ok: true }) : error(401, 'AUTH_TOKEN_EXPIRED');
    };
    // shared between the tabs: the lock (Web Locks) and the ledger (IndexedDB); not their storage
    let queue = Promise.resolve();
    const lock = <T>(task: () => Promise<T>): Promise<T> => {
      const run = queue.then(task);
      queue = run.then(
        () => undefined,
        () => undefined,
      );
      return run;
    };
    const ledger = memoryLedger();
    const tabs = [0, 1].map(() => {
      const store = storageTokenStore(memoryStorage());
      store.set(tokens(1));
      return { store, client: new ApiClient({ tokens: store, fetch: api, lock, ledger }) };
    });
    await expect(Promise.all(tabs.map((tab) => tab.client.get('/api/auth/me')))).resolves.toEqual([
      { ok: true },
      { ok: true },
    ]);
    expect(refreshCalls).toBe(1);
    expect(tabs.map((tab) => tab.store.get()?.refreshToken)).toEqual(['refresh-2', 'refresh-2']);
  });

  it('ends the session when the refresh token is refused, and tells listeners', async () => {
    const { client, store } = setup(({ path }) =>
      path === '/api/auth/refresh' ? error(401, 'AUTH_REFRESH_REUSED') : error(401, 'AUTH_TOKEN_EXPIRED'),
    );
    const ended: string[] = [];
    client.onSessionEnded((reason) => ended.push(reason.code));
    await expect(client.get('/api/auth/me')).rejects.toMatchObject({ code: 'AUTH_REFRESH_REUSED' });
    expect(store.get()).toBeNull();
    expect(ended).toEqual(['AUTH_REFRESH_REUSED']);
  });

  it('keeps the session when the refresh fails for want of a network', async () => {
    const { client, store } = setup(({ path }) =>
      path === '/api/auth/refresh'
        ? Promise.reject(new TypeError('offline'))
        : error(401, 'AUTH_TOKEN_EXPIRED'),
    );
    await expect(client.get('/api/auth/me')).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    expect(store.get()?.refreshToken).toBe('refresh-1');
  });

  it('ends the session on a revoked token without trying to refresh', async () => {
    const { client, store, calls } = setup(() => error(401, 'AUTH_SESSION_REVOKED'));
    await expect(client.get('/api/auth/me')).rejects.toMatchObject({ code: 'AUTH_SESSION_REVOKED' });
    expect(store.get()).toBeNull();
    expect(calls).toHaveLength(1);
  });
});

describe('AuthApi', () => {
  it('stores tokens on sign-in and forgets them on sign-out, even when the api is unreachable', async () => {
    let online = true;
    const { client, store, calls } = setup(({ path }) => {
      if (!online) return Promise.reject(new TypeError('offline'));
      return path === '/api/auth/sign-in'
        ? json(200, { user: { id: 'u1' }, tokens: tokens(5) })
        : json(204, undefined);
    }, null);
    const auth = new AuthApi(client, store);
    await expect(auth.signIn({ identifier: '13800138000', password: 'pw' })).resolves.toEqual({ id: 'u1' });
    expect(store.get()?.accessToken).toBe('access-5');
    expect(calls[0]).toBe('POST /api/auth/sign-in -');

    await auth.signOut();
    expect(calls[1]).toBe('POST /api/auth/sign-out Bearer access-5');
    expect(store.get()).toBeNull();

    await auth.signIn({ identifier: '13800138000', password: 'pw' });
    online = false;
    await auth.signOut();
    expect(auth.hasSession()).toBe(false);
  });
});
