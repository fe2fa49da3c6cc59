import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { request as httpRequest, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DomainError } from '@app/contracts';
import { translateBodyParserErrors } from '../errors/body-parser-errors';
import { parseLimit, smallJsonBody } from './small-json-body';

/** The api's body chain with and without the short way; both must answer every request alike. */
function appWith(short: boolean): express.Express {
  const app = express();
  if (short) app.use(smallJsonBody('256kb'));
  app.use(express.json({ limit: '256kb', strict: true }));
  app.use(express.urlencoded({ extended: false, limit: '256kb' }));
  app.use(translateBodyParserErrors);
  app.post('/echo', (req, res) => {
    res.json({ body: req.body as unknown });
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    res.status(400).json({ code: err instanceof DomainError ? err.code : 'other' });
  });
  return app;
}

function send(port: number, headers: Record<string, string>, body: Buffer): Promise<string> {
  return new Promise((done, fail) => {
    const req = httpRequest({ port, host: '127.0.0.1', method: 'POST', path: '/echo', headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => done(`${res.statusCode} ${text}`));
    });
    req.on('error', fail);
    req.end(body);
  });
}

describe('smallJsonBody', () => {
  const servers: Server[] = [];
  const ports: number[] = [];
  beforeAll(async () => {
    for (const short of [true, false]) {
      const server = appWith(short).listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      servers.push(server);
      ports.push((server.address() as AddressInfo).port);
    }
  });
  afterAll(async () => {
    for (const s of servers) await new Promise((r) => s.close(r));
  });

  const json = 'application/json';
  const cases: [string, string | undefined, string | Buffer][] = [
    ['object', json, '{"a":1,"b":[1,2]}'],
    ['array', json, '[1,2]'],
    ['leading blanks', json, ' \n\t{"a":1}'],
    ['empty', json, ''],
    ['blanks only', json, '   '],
    ['a bare string (strict)', json, '"text"'],
    ['a number (strict)', json, '42'],
    ['malformed', json, '{"a":'],
    ['with BOM', json, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')])],
    ['utf-8 text', 'application/json; charset=utf-8', '{"名":"挂面"}'],
    ['upper-case type', 'Application/JSON', '{"a":1}'],
    ['other charset', 'application/json; charset=latin1', '{"a":1}'],
    ['other type', 'text/plain', '{"a":1}'],
    ['form', 'application/x-www-form-urlencoded', 'a=1&b=2'],
    ['no type', undefined, '{"a":1}'],
    ['nested proto key', json, '{"__proto__":{"x":1},"a":1}'],
    ['large (left to express.json)', json, JSON.stringify({ a: 'x'.repeat(40_000) })],
    ['too large', json, JSON.stringify({ a: 'x'.repeat(300_000) })],
  ];

  it.each(cases)('answers %s as express.json does', async (_, type, body) => {
    const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
    const headers: Record<string, string> = { 'Content-Length': String(bytes.length) };
    if (type) headers['Content-Type'] = type;
    const [short, plain] = await Promise.all(ports.map((p) => send(p, headers, bytes)));
    expect(short).toEqual(plain);
  });

  it('reads the limit as body-parser does, and takes no short way when unsure', () => {
    expect(parseLimit('256kb')).toBe(262_144);
    expect(parseLimit('1mb')).toBe(1_048_576);
    expect(parseLimit('1000')).toBe(1000);
    expect(parseLimit('lots')).toBe(0);
  });
});
