import { Client } from 'minio';
import { PresignedRequest, SigningIdentity, verifyPresignedRequest } from './presigned-url-verifier';

// With `region` set the minio client presigns offline, so this runs without any server.
const identity: SigningIdentity = {
  accessKey: 'AKIDEXAMPLE',
  secretKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
  host: '127.0.0.1:9420',
};
const client = new Client({
  endPoint: '127.0.0.1',
  port: 9420,
  useSSL: false,
  accessKey: identity.accessKey,
  secretKey: identity.secretKey,
  region: identity.region,
  pathStyle: true,
});
const signedAt = new Date('2026-03-01T10:00:00Z');
const during = new Date('2026-03-01T10:05:00Z');

function asRequest(method: string, url: string): PresignedRequest {
  const u = new URL(url);
  return { method, path: u.pathname, query: u.search.slice(1) };
}

describe('presigned URL verification (what the /s3 proxy enforces, since s3rver checks nothing)', () => {
  it('accepts PUT and GET URLs signed by the minio client, including response overrides and odd keys', async () => {
    const put = await client.presignedUrl('PUT', 'bucket', 'incoming/u1/f1', 900, {}, signedAt);
    expect(verifyPresignedRequest(asRequest('PUT', put), identity, during)).toEqual({ ok: true });

    const get = await client.presignedGetObject(
      'bucket',
      'uploads/u1/Photo (1) 金色.png',
      900,
      {
        'response-content-type': 'image/png',
        'response-content-disposition': "inline; filename*=UTF-8''a%20b(1).png",
      },
      signedAt,
    );
    expect(verifyPresignedRequest(asRequest('GET', get), identity, during)).toEqual({ ok: true });
  });

  it('refuses a URL used for another method, key, bucket or query', async () => {
    const put = await client.presignedUrl('PUT', 'bucket', 'incoming/u1/f1', 900, {}, signedAt);
    const req = asRequest('PUT', put);
    expect(verifyPresignedRequest({ ...req, method: 'GET' }, identity, during).ok).toBe(false);
    expect(verifyPresignedRequest({ ...req, method: 'DELETE' }, identity, during).ok).toBe(false);
    expect(verifyPresignedRequest({ ...req, path: '/bucket/incoming/u2/f1' }, identity, during).ok).toBe(
      false,
    );
    expect(verifyPresignedRequest({ ...req, path: '/other/incoming/u1/f1' }, identity, during).ok).toBe(
      false,
    );
    expect(
      verifyPresignedRequest(
        { ...req, query: `${req.query}&response-content-type=text%2Fhtml` },
        identity,
        during,
      ).ok,
    ).toBe(false);
    expect(
      verifyPresignedRequest(
        { ...req, query: req.query.replace('X-Amz-Expires=900', 'X-Amz-Expires=9000') },
        identity,
        during,
      ).ok,
    ).toBe(false);
  });

  it('refuses a tampered signature, a missing one, and duplicated parameters', async () => {
    const get = asRequest(
      'GET',
      await client.presignedGetObject('bucket', 'uploads/u1/f1', 900, {}, signedAt),
    );
    const flipped = get.query.replace(
      /X-Amz-Signature=([0-9a-f])/,
      (_m, c: string) => `X-Amz-Signature=${c === '0' ? '1' : '0'}`,
    );
    expect(verifyPresignedRequest({ ...get, query: flipped }, identity, during)).toEqual({
      ok: false,
      reason: 'signature mismatch',
    });
    expect(
      verifyPresignedRequest(
        { ...get, query: get.query.replace(/&?X-Amz-Signature=[0-9a-f]+/, '') },
        identity,
        during,
      ).ok,
    ).toBe(false);
    expect(
      verifyPresignedRequest({ ...get, query: `${get.query}&X-Amz-Date=20260301T100000Z` }, identity, during)
        .ok,
    ).toBe(false);
    expect(verifyPresignedRequest({ ...get, query: '' }, identity, during).ok).toBe(false);
  });

  it('refuses URLs signed with another key or for another host', async () => {
    const get = asRequest(
      'GET',
      await client.presignedGetObject('bucket', 'uploads/u1/f1', 900, {}, signedAt),
    );
    expect(verifyPresignedRequest(get, { ...identity, secretKey: 'another-secret' }, during).ok).toBe(false);
    expect(verifyPresignedRequest(get, { ...identity, accessKey: 'SOMEONE' }, during).ok).toBe(false);
    expect(verifyPresignedRequest(get, { ...identity, host: 'files.example.com' }, during).ok).toBe(false);
  });

  it('honours the expiry, and refuses dates too far in the future', async () => {
    const get = asRequest(
      'GET',
      await client.presignedGetObject('bucket', 'uploads/u1/f1', 60, {}, signedAt),
    );
    expect(verifyPresignedRequest(get, identity, new Date(signedAt.getTime() + 59_000)).ok).toBe(true);
    expect(verifyPresignedRequest(get, identity, new Date(signedAt.getTime() + 60_000))).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(verifyPresignedRequest(get, identity, new Date(signedAt.getTime() - 10 * 60_000))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });
});
