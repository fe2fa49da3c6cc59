import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DomainError } from '@app/contracts';
import type { Actor } from '@app/identity';
import { fastLane, fastRoute } from './fast-lane';

const actor = { id: 'u1', roles: ['viewer'] } as unknown as Actor;
const saleId = '0b9e2f5c-3b1a-4c1e-9f0a-2d6b1e7c8a90';

/** A body type whose fast parse takes `{ n: <positive integer> }` only. */
class Body {
  n: number;
  static fastParse(v: unknown): Body | undefined {
    const n = (v as { n?: unknown } | null)?.n;
    return typeof n === 'number' && n > 0 && Object.keys(v as object).length === 1
      ? Object.assign(new Body(), { n })
      : undefined;
  }
}

describe('fast lane', () => {
  let server: Server;
  let base: string;
  const ran: unknown[] = [];

  beforeAll(async () => {
    const lane = fastLane(
      [
        fastRoute<Body>({
          path: '/api/things/:id/buy',
          body: Body,
          status: 201,
          run: async (who, body, { param, headers }) => {
            if (body.n === 13) throw new DomainError('OUT_OF_STOCK', 'Sold out.');
            ran.push([who.id, body.n, param, headers['idempotency-key']]);
            return { ok: true, n: body.n };
          },
        }),
      ],
      {
        verifyAccess: (token) => {
          if (token !== 'good') throw new DomainError('AUTH_TOKEN_INVALID', 'bad token');
          return actor;
        },
        maxBody: 1024,
        cors: true,
      },
      // what Express would do: here, say who answered and what body it was handed
      (req, res) => {
        res.setHeader('x-answered-by', 'express');
        res.end(JSON.stringify({ body: (req as { body?: unknown }).body ?? null }));
      },
    );
    server = createServer(lane);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => (ran.length = 0));

  const post = (path: string, body: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(base + path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', authorization: 'Bearer good', ...headers },
    });
  const by = (res: Response): string => res.headers.get('x-answered-by') ?? 'lane';

  it('answers a signed-in, well-formed request itself', async () => {
    const res = await post(`/api/things/${saleId}/buy`, '{"n":2}', { 'idempotency-key': 'k-12345678' });
    expect([by(res), res.status, await res.json()]).toEqual(['lane', 201, { ok: true, n: 2 }]);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(ran).toEqual([['u1', 2, saleId, 'k-12345678']]);
  });

  it('writes a refusal from the handler in the one error shape', async () => {
    const res = await post(`/api/things/${saleId}/buy`, '{"n":13}');
    expect([by(res), res.status, await res.json()]).toEqual([
      'lane',
      409,
      { code: 'OUT_OF_STOCK', message: 'Sold out.' },
    ]);
  });

  it('answers malformed JSON as the body parsers would', async () => {
    const res = await post(`/api/things/${saleId}/buy`, '{"n":');
    expect([by(res), res.status, ((await res.json()) as { code: string }).code]).toEqual([
      'lane',
      400,
      'MALFORMED_JSON',
    ]);
  });

  it('hands a body it read but does not accept to Express, parsed', async () => {
    const res = await post(`/api/things/${saleId}/buy`, '{"n":-1}');
    expect([by(res), await res.json()]).toEqual(['express', { body: { n: -1 } }]);
    expect(ran).toEqual([]);
  });

  it.each([
    ['a query string', `/api/things/${saleId}/buy?x=1`, {}],
    ['a trailing slash', `/api/things/${saleId}/buy/`, {}],
    ['other letter case', `/api/Things/${saleId}/buy`, {}],
    ['a parameter that is not a UUID', '/api/things/nope/buy', {}],
    ['another path', '/api/other', {}],
    ['no token', `/api/things/${saleId}/buy`, { authorization: '' }],
    ['a refused token', `/api/things/${saleId}/buy`, { authorization: 'Bearer bad' }],
    ['another content type', `/api/things/${saleId}/buy`, { 'content-type': 'text/plain' }],
    [
      'a cross-origin request with CORS on',
      `/api/things/${saleId}/buy`,
      { origin: 'https://elsewhere.example' },
    ],
  ])('leaves %s to Express, body unread', async (_name, path, headers) => {
    const res = await post(path, '{"n":2}', headers);
    expect([by(res), await res.json()]).toEqual(['express', { body: null }]);
    expect(ran).toEqual([]);
  });

  it('leaves other methods and bodies over its limit to Express', async () => {
    const get = await fetch(`${base}/api/things/${saleId}/buy`, {
      headers: { authorization: 'Bearer good' },
    });
    expect(by(get)).toBe('express');
    const big = await post(`/api/things/${saleId}/buy`, JSON.stringify({ n: 2, pad: 'x'.repeat(2000) }));
    expect(by(big)).toBe('express');
    expect(ran).toEqual([]);
  });
});
