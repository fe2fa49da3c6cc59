/**
 * Uploads against the real embedded S3-protocol server (s3rver), through the api's `/s3` proxy.
 *
 * s3rver checks no request signatures at all, so nothing here claims that *s3rver* refuses an
 * expired or tampered URL. The refusals asserted below come from the api's `/s3` proxy, which
 * verifies every presigned signature itself before forwarding (libs/storage/src/proxy).
 */
import request from 'supertest';
import { Client as S3Client } from 'minio';
import { Client as PgClient } from 'pg';
import { deflateSync } from 'node:zlib';
import type { AuthResponse, CreateUploadResponse, DownloadUrlResponse, UploadView } from '@app/contracts';
import { UploadService } from '@app/storage';
import { TestApp } from '@app/testing';
import { signUp, startApi } from './support';

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A real, decodable 16×16 RGB PNG. */
function makePng(): Buffer {
  const size = 16;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, no filter, no interlace
  const rows = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) rows.set([x * 16, y * 16, 128], y * (1 + size * 3) + 1 + x * 3);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('uploads: presigned PUT through /s3, completion with content checks, downloads', () => {
  let t: TestApp;
  let s3: S3Client;
  let pg: PgClient;
  let owner: AuthResponse;
  let other: AuthResponse;
  const png = makePng();
  const auth = (who: AuthResponse): [string, string] => ['Authorization', `Bearer ${who.tokens.accessToken}`];

  beforeAll(async () => {
    t = await startApi({ S3_PUBLIC_URL: '/s3' });
    const c = t.cfg.storage;
    s3 = new S3Client({
      endPoint: c.endPoint,
      port: c.port,
      useSSL: c.useSSL,
      accessKey: c.accessKey,
      secretKey: c.secretKey,
      region: c.region,
      pathStyle: true,
    });
    pg = new PgClient({ connectionString: t.db.url });
    await pg.connect();
    [owner, other] = await Promise.all([signUp(t), signUp(t)]);
  });
  afterAll(async () => {
    await pg?.end();
    await t?.close();
  });

  async function objectExists(key: string): Promise<boolean> {
    try {
      await s3.statObject(t.cfg.storage.bucket, key);
      return true;
    } catch {
      return false;
    }
  }

  async function createUpload(
    who: AuthResponse,
    body: Record<string, unknown>,
  ): Promise<CreateUploadResponse> {
    const res = await request(t.url)
      .post('/api/uploads')
      .set(...auth(who))
      .send(body);
    if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as CreateUploadResponse;
  }

  /** what a browser does with the answer of POST /api/uploads */
  function putBytes(created: CreateUploadResponse, body: Buffer): Promise<Response> {
    return fetch(`${t.url}${created.url}`, { method: created.method, headers: created.headers, body });
  }

  it('uploads a real PNG through the /s3 proxy, verifies it, and serves the same bytes back', async () => {
    const created = await createUpload(owner, {
      purpose: 'product-photo',
      contentType: 'image/png',
      size: png.length,
      fileName: 'red panda.png',
    });
    expect(created.url).toMatch(
      new RegExp(
        `^/s3/${t.cfg.storage.bucket}/incoming/${owner.user.id}/${created.uploadId}\\?.*X-Amz-Signature=`,
      ),
    );
    expect(created.headers).toEqual({ 'Content-Type': 'image/png' });
    expect(new Date(created.expiresAt).getTime()).toBeGreaterThan(Date.now());

    expect((await putBytes(created, png)).status).toBe(200);
    const pending = await request(t.url)
      .get(`/api/uploads/${created.uploadId}`)
      .set(...auth(owner));
    expect(pending.body).toMatchObject({
      status: 'pending',
      size: png.length,
      fileName: 'red panda.png',
      verifiedAt: null,
    });

    const done = await request(t.url)
      .post(`/api/uploads/${created.uploadId}/complete`)
      .set(...auth(owner));
    expect(done.status).toBe(200);
    const view = done.body as UploadView;
    expect(view).toMatchObject({
      id: created.uploadId,
      purpose: 'product-photo',
      contentType: 'image/png',
      size: png.length,
      status: 'verified',
      rejectReason: null,
    });
    expect(view.verifiedAt).not.toBeNull();
    // the bytes moved from the key browsers can write to the one they cannot
    expect(await objectExists(`incoming/${owner.user.id}/${created.uploadId}`)).toBe(false);
    expect(await objectExists(`uploads/${owner.user.id}/${created.uploadId}`)).toBe(true);
    const row = await pg.query('SELECT status, declared_size, object_key FROM uploads WHERE id = $1', [
      created.uploadId,
    ]);
    expect(row.rows[0]).toMatchObject({
      status: 'verified',
      declared_size: String(png.length),
      object_key: `uploads/${owner.user.id}/${created.uploadId}`,
    });

    // completing twice is harmless
    const again = await request(t.url)
      .post(`/api/uploads/${created.uploadId}/complete`)
      .set(...auth(owner));
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('verified');

    // the PUT URL is still within its lifetime; writing through it again cannot change the checked file
    expect((await putBytes(created, Buffer.from('<html><script>alert(1)</script></html>'))).status).toBe(200);

    const link = await request(t.url)
      .get(`/api/uploads/${created.uploadId}/download-url`)
      .set(...auth(owner));
    expect(link.status).toBe(200);
    const { url } = link.body as DownloadUrlResponse;
    expect(url).toMatch(/^\/s3\//);
    const download = await fetch(`${t.url}${url}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-disposition')).toBe("inline; filename*=UTF-8''red%20panda.png");
    expect(Buffer.from(await download.arrayBuffer()).equals(png)).toBe(true);

    // ranges pass through the proxy too (video seeking)
    const part = await fetch(`${t.url}${url}`, { headers: { Range: 'bytes=0-7' } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(png.subarray(0, 8))).toBe(true);
  });

  it('offers other modules the verified file by id, and byte ranges of it', async () => {
    const created = await createUpload(owner, {
      purpose: 'avatar',
      contentType: 'image/png',
      size: png.length,
    });
    await putBytes(created, png);
    await request(t.url)
      .post(`/api/uploads/${created.uploadId}/complete`)
      .set(...auth(owner))
      .expect(200);

    const uploads = t.app.get(UploadService);
    const file = await uploads.requireVerified(created.uploadId, owner.user.id, ['avatar']);
    expect(file).toMatchObject({
      objectKey: `uploads/${owner.user.id}/${created.uploadId}`,
      contentType: 'image/png',
      size: png.length,
    });
    const read = await uploads.readRange(file, { start: 1, end: 3 });
    const chunks: Buffer[] = [];
    for await (const c of read.stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString('latin1')).toBe('PNG');
    expect(read).toMatchObject({ start: 1, end: 3, size: png.length });

    await expect(uploads.requireVerified(created.uploadId, other.user.id, ['avatar'])).rejects.toMatchObject({
      code: 'UPLOAD_NOT_FOUND',
    });
    await expect(
      uploads.requireVerified(created.uploadId, owner.user.id, ['product-photo']),
    ).rejects.toMatchObject({ code: 'UPLOAD_TYPE_NOT_ALLOWED' });
    await expect(uploads.readRange(file, { start: png.length, end: png.length + 10 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('refuses a text file named photo.png declared as image/png, and keeps nothing of it', async () => {
    const text = Buffer.from('Dear customer, this is definitely a photo of our best-selling tea.\n');
    const created = await createUpload(owner, {
      purpose: 'product-photo',
      contentType: 'image/png',
      size: text.length,
      fileName: 'photo.png',
    });
    expect((await putBytes(created, text)).status).toBe(200);

    const done = await request(t.url)
      .post(`/api/uploads/${created.uploadId}/complete`)
      .set(...auth(owner));
    expect(done.status).toBe(400);
    expect(done.body).toEqual({
      code: 'UPLOAD_CONTENT_MISMATCH',
      message: expect.stringMatching(/not image\/png/),
    });

    const view = await request(t.url)
      .get(`/api/uploads/${created.uploadId}`)
      .set(...auth(owner));
    expect(view.body).toMatchObject({
      status: 'rejected',
      rejectReason: expect.stringMatching(/not image\/png/),
    });
    const row = await pg.query('SELECT status, reject_reason FROM uploads WHERE id = $1', [created.uploadId]);
    expect(row.rows[0].status).toBe('rejected');
    expect(await objectExists(`incoming/${owner.user.id}/${created.uploadId}`)).toBe(false);
    expect(await objectExists(`uploads/${owner.user.id}/${created.uploadId}`)).toBe(false);

    const link = await request(t.url)
      .get(`/api/uploads/${created.uploadId}/download-url`)
      .set(...auth(owner));
    expect(link.status).toBe(404);
    expect(link.body.code).toBe('UPLOAD_NOT_FOUND');
    const retry = await request(t.url)
      .post(`/api/uploads/${created.uploadId}/complete`)
      .set(...auth(owner));
    expect(retry.status).toBe(409);
  });

  it('refuses a file whose size differs from the declared one', async () => {
    const created = await createUpload(owner, {
      purpose: 'product-photo',
      contentType: 'image/png',
      size: png.length + 1,
    });
    await putBytes(created, png);
    const done = await request(t.url)
      .post(`/api/uploads/${created.uploadId}/complete`)
      .set(...auth(owner));
    expect(done.status).toBe(400);
    expect(done.body.code).toBe('UPLOAD_CONTENT_MISMATCH');
    expect(done.body.message).toMatch(/bytes, not the/);
  });

  it('answers UPLOAD_NOT_FOUND when completing before anything was uploaded, and stays pending', async () => {
    const created = await createUpload(owner, {
      purpose: 'document',
      contentType: 'application/pdf',
      size: 1000,
    });
    const done = await request(t.url)
      .post(`/api/uploads/${created.uploadId}/complete`)
      .set(...auth(owner));
    expect(done.status).toBe(404);
    expect(done.body.code).toBe('UPLOAD_NOT_FOUND');
    const view = await request(t.url)
      .get(`/api/uploads/${created.uploadId}`)
      .set(...auth(owner));
    expect(view.body.status).toBe('pending');
  });

  it('refuses a declared size over the limit before anything is written', async () => {
    const before = await pg.query('SELECT count(*)::int AS n FROM uploads WHERE owner_id = $1', [
      other.user.id,
    ]);
    const res = await request(t.url)
      .post('/api/uploads')
      .set(...auth(other))
      .send({ purpose: 'product-photo', contentType: 'image/jpeg', size: 10 * 1024 * 1024 + 1 });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('UPLOAD_TOO_LARGE');
    const after = await pg.query('SELECT count(*)::int AS n FROM uploads WHERE owner_id = $1', [
      other.user.id,
    ]);
    expect(after.rows[0].n).toBe(before.rows[0].n);
    const objects = await s3
      .listObjectsV2(t.cfg.storage.bucket, `incoming/${other.user.id}/`, true)
      .toArray();
    expect(objects).toEqual([]);
  });

  it.each([
    ['a PDF as a product photo', { purpose: 'product-photo', contentType: 'application/pdf', size: 100 }],
    ['a GIF as an avatar', { purpose: 'avatar', contentType: 'image/gif', size: 100 }],
    ['HTML as a document', { purpose: 'document', contentType: 'text/html', size: 100 }],
  ])('refuses %s with UPLOAD_TYPE_NOT_ALLOWED', async (_name, body) => {
    const res = await request(t.url)
      .post('/api/uploads')
      .set(...auth(owner))
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('UPLOAD_TYPE_NOT_ALLOWED');
  });

  it.each([
    ['an unknown purpose', { purpose: 'banner', contentType: 'image/png', size: 100 }],
    ['an empty file', { purpose: 'avatar', contentType: 'image/png', size: 0 }],
    ['a fractional size', { purpose: 'avatar', contentType: 'image/png', size: 1.5 }],
    ['a malformed type', { purpose: 'avatar', contentType: 'png', size: 100 }],
    ['an unknown field', { purpose: 'avatar', contentType: 'image/png', size: 100, objectKey: 'uploads/x' }],
  ])('refuses %s with VALIDATION_FAILED', async (_name, body) => {
    const res = await request(t.url)
      .post('/api/uploads')
      .set(...auth(owner))
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('lets only instructors and program admins upload lesson videos', async () => {
    const res = await request(t.url)
      .post('/api/uploads')
      .set(...auth(owner))
      .send({ purpose: 'lesson-video', contentType: 'video/mp4', size: 1000 });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });

  it("keeps people out of each other's uploads; an admin may read but not complete them", async () => {
    const created = await createUpload(owner, {
      purpose: 'product-photo',
      contentType: 'image/png',
      size: png.length,
    });
    await putBytes(created, png);
    for (const path of [
      `/api/uploads/${created.uploadId}`,
      `/api/uploads/${created.uploadId}/download-url`,
    ]) {
      const res = await request(t.url)
        .get(path)
        .set(...auth(other));
      expect([path, res.status, res.body.code]).toEqual([path, 404, 'UPLOAD_NOT_FOUND']);
    }
    const stolen = await request(t.url)
      .post(`/api/uploads/${created.uploadId}/complete`)
      .set(...auth(other));
    expect(stolen.status).toBe(404);
    expect(stolen.body.code).toBe('UPLOAD_NOT_FOUND');

    const admin = await signUp(t);
    await pg.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, 'admin')`, [admin.user.id]);
    const adminSignIn = await request(t.url)
      .post('/api/auth/sign-in')
      .send({ identifier: admin.user.phone, password: 'correct horse battery' });
    const asAdmin: AuthResponse = adminSignIn.body as AuthResponse;
    expect(
      (
        await request(t.url)
          .post(`/api/uploads/${created.uploadId}/complete`)
          .set(...auth(asAdmin))
      ).status,
    ).toBe(404);
    await request(t.url)
      .post(`/api/uploads/${created.uploadId}/complete`)
      .set(...auth(owner))
      .expect(200);
    const read = await request(t.url)
      .get(`/api/uploads/${created.uploadId}`)
      .set(...auth(asAdmin));
    expect(read.status).toBe(200);
    expect(
      (
        await request(t.url)
          .get(`/api/uploads/${created.uploadId}/download-url`)
          .set(...auth(asAdmin))
      ).status,
    ).toBe(200);
  });

  it('needs a sign-in', async () => {
    const create = await request(t.url)
      .post('/api/uploads')
      .send({ purpose: 'avatar', contentType: 'image/png', size: 10 });
    expect(create.status).toBe(401);
    expect(create.body.code).toBe('UNAUTHENTICATED');
    const id = '00000000-0000-4000-8000-000000000000';
    expect((await request(t.url).get(`/api/uploads/${id}`)).status).toBe(401);
    expect((await request(t.url).post(`/api/uploads/${id}/complete`)).status).toBe(401);
  });

  describe('the /s3 proxy (enforces signatures that s3rver does not check)', () => {
    let created: CreateUploadResponse;
    beforeAll(async () => {
      created = await createUpload(owner, { purpose: 'avatar', contentType: 'image/png', size: png.length });
    });

    it('refuses requests without a valid signature: listing, reading, writing, deleting', async () => {
      const bucket = t.cfg.storage.bucket;
      const key = `incoming/${owner.user.id}/${created.uploadId}`;
      expect((await fetch(`${t.url}/s3/${bucket}/`)).status).toBe(403);
      expect((await fetch(`${t.url}/s3/${bucket}/${key}`)).status).toBe(403);
      expect((await fetch(`${t.url}/s3/${bucket}/${key}`, { method: 'PUT', body: png })).status).toBe(403);
      expect((await fetch(`${t.url}${created.url}`, { method: 'DELETE' })).status).toBe(405);
      // a PUT URL is not a GET URL, and it is bound to its key
      expect((await fetch(`${t.url}${created.url}`)).status).toBe(403);
      expect(
        (
          await fetch(
            `${t.url}${created.url.replace(created.uploadId, '00000000-0000-4000-8000-000000000000')}`,
            { method: 'PUT', body: png },
          )
        ).status,
      ).toBe(403);
      const tampered = created.url.replace(
        /X-Amz-Signature=([0-9a-f])/,
        (_m, c: string) => `X-Amz-Signature=${c === '0' ? '1' : '0'}`,
      );
      expect((await fetch(`${t.url}${tampered}`, { method: 'PUT', body: png })).status).toBe(403);
      expect(await objectExists(key)).toBe(false);
    });

    it('refuses an expired URL', async () => {
      const signedAt = new Date(Date.now() - 3600_000);
      const expired = await s3.presignedUrl(
        'PUT',
        t.cfg.storage.bucket,
        `incoming/${owner.user.id}/${created.uploadId}`,
        60,
        {},
        signedAt,
      );
      const u = new URL(expired);
      const res = await fetch(`${t.url}/s3${u.pathname}${u.search}`, { method: 'PUT', body: png });
      expect(res.status).toBe(403);
    });
  });
});
