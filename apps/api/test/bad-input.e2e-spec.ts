import request from 'supertest';
import { Client } from 'pg';
import { TestApp } from '@app/testing';
import { startApi, uniquePhone } from './support';

/** Every bad request gets `{ code, message }` and leaves nothing behind in the database. */
describe('bad input at the HTTP edge', () => {
  let t: TestApp;
  let pg: Client;
  const userCount = async (): Promise<number> =>
    Number((await pg.query('SELECT count(*) AS n FROM users')).rows[0].n);

  beforeAll(async () => {
    t = await startApi();
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
  });
  afterAll(async () => {
    await pg.end();
    await t.close();
  });

  const valid = (): Record<string, unknown> => ({
    identifier: uniquePhone(),
    password: 'good-password-1',
    displayName: '张三',
  });

  it('malformed JSON → 400 MALFORMED_JSON', async () => {
    const before = await userCount();
    const res = await request(t.url)
      .post('/api/auth/sign-up')
      .set('Content-Type', 'application/json')
      .send('{"identifier": "138');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 'MALFORMED_JSON', message: expect.any(String) });
    expect(await userCount()).toBe(before);
  });

  it('oversized body → 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await request(t.url)
      .post('/api/auth/sign-up')
      .send({ ...valid(), displayName: 'x'.repeat(300 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('unknown fields → 400 VALIDATION_FAILED naming the field', async () => {
    const before = await userCount();
    const res = await request(t.url)
      .post('/api/auth/sign-up')
      .send({ ...valid(), isAdmin: true });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toContainEqual(
      expect.objectContaining({ field: 'isAdmin', reason: 'unknownField' }),
    );
    expect(await userCount()).toBe(before);
  });

  it('wrong types → 400 with field details', async () => {
    const res = await request(t.url)
      .post('/api/auth/sign-up')
      .send({ identifier: 13800138000, password: ['a'], displayName: { x: 1 } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = (res.body.details as Array<{ field: string }>).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['identifier', 'password', 'displayName']));
  });

  it('a JSON array or a scalar instead of an object → 400', async () => {
    for (const body of ['[]', '"text"', 'null']) {
      const res = await request(t.url)
        .post('/api/auth/sign-in')
        .set('Content-Type', 'application/json')
        .send(body);
      expect(res.status).toBe(400);
      expect(['VALIDATION_FAILED', 'MALFORMED_JSON']).toContain(res.body.code);
    }
  });

  it('very long strings → 400 maxLength, nothing stored', async () => {
    const before = await userCount();
    const res = await request(t.url)
      .post('/api/auth/sign-up')
      .send({ ...valid(), displayName: '长'.repeat(41) });
    expect(res.status).toBe(400);
    expect(res.body.details[0]).toMatchObject({ field: 'displayName' });
    const pw = await request(t.url)
      .post('/api/auth/sign-up')
      .send({ ...valid(), password: 'p'.repeat(129) });
    expect(pw.status).toBe(400);
    expect(await userCount()).toBe(before);
  });

  it('an invalid phone number → 400 on the identifier field', async () => {
    const res = await request(t.url)
      .post('/api/auth/sign-up')
      .send({ ...valid(), identifier: '12345' });
    expect(res.status).toBe(400);
    expect(res.body.details[0]).toMatchObject({ field: 'identifier' });
  });

  it('SQL- and HTML-looking text is stored verbatim, not executed', async () => {
    const name = `<img src=x onerror=alert(1)>'; DROP TABLE users;--`.slice(0, 40);
    const res = await request(t.url)
      .post('/api/auth/sign-up')
      .send({ ...valid(), displayName: name });
    expect(res.status).toBe(201);
    expect(res.body.user.displayName).toBe(name);
    const row = await pg.query('SELECT display_name FROM users WHERE id = $1', [res.body.user.id]);
    expect(row.rows[0].display_name).toBe(name);
    const injected = await request(t.url)
      .post('/api/auth/sign-in')
      .send({ identifier: "' OR '1'='1", password: "' OR '1'='1" });
    expect(injected.status).toBe(400);
    expect(await userCount()).toBeGreaterThan(0);
  });

  it('unknown routes → 404 ROUTE_NOT_FOUND in the same shape', async () => {
    const res = await request(t.url).get('/api/nope');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 'ROUTE_NOT_FOUND', message: expect.any(String) });
  });

  it('a non-UUID path parameter → 400, not a database error', async () => {
    const { body } = await request(t.url).post('/api/auth/sign-up').send(valid());
    const res = await request(t.url)
      .post('/api/users/not-a-uuid/roles')
      .set('Authorization', `Bearer ${body.tokens.accessToken}`)
      .send({ roles: ['anchor'] });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });
});

describe('health and API docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    // no media server at this address: health must say so
    t = await startApi({ MEDIA_INTERNAL_URL: 'http://127.0.0.1:9' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports database and storage up, and the missing media server down (503)', async () => {
    const res = await request(t.url).get('/health');
    expect(res.status).toBe(503);
    expect(res.body.parts.database.status).toBe('up');
    expect(res.body.parts.storage.status).toBe('up');
    expect(res.body.parts.media.status).toBe('down');
  });

  it('serves the OpenAPI document', async () => {
    const res = await request(t.url).get('/api/docs.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/sign-up', '/api/auth/sign-in', '/health']),
    );
  });
});
