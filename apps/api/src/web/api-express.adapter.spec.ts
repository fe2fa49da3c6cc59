import type { Request, Response } from 'express';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiExpressAdapter } from './api-express.adapter';

describe('ApiExpressAdapter', () => {
  let server: Server;
  let base: string;
  const said = (what: string) => (_req: Request, res: Response) => void res.json({ what });

  beforeAll(async () => {
    const a = new ApiExpressAdapter();
    a.get('/api/orders', said('orders'));
    a.get(
      '/api/orders/:id',
      (req: Request, res: Response) => void res.json({ what: 'order', id: req.params.id }),
    );
    a.get('/api/shops/:id/orders', said('shop orders'));
    a.use((req: Request, res: Response, next: () => void) =>
      req.path === '/api/orders/a/b' ? void res.json({ what: 'middleware' }) : next(),
    );
    a.get('/api/orders/a/b', said('route after the middleware'));
    a.get('/health', said('health'));
    a.post('/api/orders', (_req: Request, res: Response) =>
      a.reply(res, { placed: true, n: [1, '二'] }, 201),
    );
    a.get('/api/:anything/x', said('pattern'));
    a.get('/api/orders/x', said('literal after the pattern'));
    a.use((_req: Request, res: Response) => void res.status(404).json({ what: 'not found' }));
    server = createServer(a.getInstance());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  const get = async (path: string) => (await (await fetch(base + path)).json()) as Record<string, unknown>;

  it('routes as express does, in registration order, within and across groups', async () => {
    expect(await get('/api/orders')).toEqual({ what: 'orders' });
    expect(await get('/API/Orders/')).toEqual({ what: 'orders' });
    expect(await get('/api/orders/7?x=1')).toEqual({ what: 'order', id: '7' });
    expect(await get('/api/shops/3/orders')).toEqual({ what: 'shop orders' });
    expect(await get('/health')).toEqual({ what: 'health' });
    expect(await get('/health/')).toEqual({ what: 'health' });
    // a middleware registered between two routes still runs before the later one
    expect(await get('/api/orders/a/b')).toEqual({ what: 'middleware' });
    // a pattern in the first segments stays where it was registered
    expect(await get('/api/orders/x')).toEqual({ what: 'order', id: 'x' });
    expect(await get('/api/things/x')).toEqual({ what: 'pattern' });
    expect(await get('/api/nothing')).toEqual({ what: 'not found' });
    expect(await get('//api/orders')).toEqual({ what: 'not found' });
  });

  it('answers a write with JSON as res.json would', async () => {
    const res = await fetch(`${base}/api/orders`, { method: 'POST' });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const text = await res.text();
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    expect(JSON.parse(text)).toEqual({ placed: true, n: [1, '二'] });
    const read = await fetch(`${base}/api/orders`);
    expect(read.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });
});
