import { loadStorageConfig } from '@app/config';
import { S3ObjectStorage } from './object-storage';
import { publicAccess, s3ProxyPath } from './public-access';

const env = {
  S3_ENDPOINT: 'http://127.0.0.1:9420',
  S3_ACCESS_KEY: 'a',
  S3_SECRET_KEY: 'b',
  S3_BUCKET: 'anchor-academy',
};

describe('S3_PUBLIC_URL: where browsers reach presigned URLs', () => {
  it('accepts a path (proxied by the api) or a bare origin (a public S3 endpoint)', () => {
    expect(publicAccess(loadStorageConfig(env))).toEqual({ kind: 'direct' });
    expect(s3ProxyPath(loadStorageConfig({ ...env, S3_PUBLIC_URL: '/s3' }))).toBe('/s3');
    expect(publicAccess(loadStorageConfig({ ...env, S3_PUBLIC_URL: 'https://files.example.com' }))).toEqual({
      kind: 'origin',
      endPoint: 'files.example.com',
      port: 443,
      useSSL: true,
    });
    expect(
      s3ProxyPath(loadStorageConfig({ ...env, S3_PUBLIC_URL: 'https://files.example.com' })),
    ).toBeUndefined();
  });

  it.each([
    ['s3', /must be a URL/],
    ['/s3/', /as a path must look like \/s3/],
    ['//evil.example.com', /as a path must look like \/s3/],
    ['/api', /must not overlap the api's own routes/],
    ['/api/files', /must not overlap the api's own routes/],
    ['https://files.example.com/bucket', /must be a path such as \/s3 or an origin/],
    ['ftp://files.example.com', /must use http or https/],
  ])('refuses %s at start-up', (value, message) => {
    expect(() => loadStorageConfig({ ...env, S3_PUBLIC_URL: value })).toThrow(message);
  });

  it('signs browser URLs relative to the proxy path, for the internal host', async () => {
    const storage = new S3ObjectStorage(loadStorageConfig({ ...env, S3_PUBLIC_URL: '/s3' }));
    const url = await storage.presignPut('incoming/u/f', 60);
    expect(url).toMatch(/^\/s3\/anchor-academy\/incoming\/u\/f\?.*X-Amz-Signature=[0-9a-f]{64}$/);
    // processes next to the api (the media server) get the S3 endpoint itself
    expect(await storage.presignPut('replays/x.webm', 60, 'server')).toMatch(
      /^http:\/\/127\.0\.0\.1:9420\/anchor-academy\/replays\/x\.webm\?/,
    );
  });

  it('signs browser URLs for the public origin, without contacting it', async () => {
    const storage = new S3ObjectStorage(
      loadStorageConfig({ ...env, S3_PUBLIC_URL: 'https://files.example.com' }),
    );
    const url = await storage.presignGet('uploads/u/f', 60, { 'response-content-type': 'image/png' });
    expect(url).toMatch(
      /^https:\/\/files\.example\.com\/anchor-academy\/uploads\/u\/f\?.*response-content-type=image%2Fpng/,
    );
  });
});
