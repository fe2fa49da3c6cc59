import { ConfigError, loadApiConfig, loadMediaConfig } from './index';

const good = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
  S3_ENDPOINT: 'http://127.0.0.1:9000',
  S3_ACCESS_KEY: 'a',
  S3_SECRET_KEY: 'b',
  S3_BUCKET: 'anchor-academy',
  JWT_SECRET: 'x'.repeat(32),
  ROOM_TOKEN_SECRET: 'y'.repeat(32),
  INTERNAL_SECRET: 'z'.repeat(32),
};

describe('configuration', () => {
  it('accepts a complete environment and applies defaults', () => {
    const cfg = loadApiConfig(good);
    expect(cfg.http.port).toBe(3000);
    expect(cfg.storage).toMatchObject({
      endPoint: '127.0.0.1',
      port: 9000,
      useSSL: false,
      bucket: 'anchor-academy',
    });
  });

  it('names every missing or malformed variable at once', () => {
    let error: unknown;
    try {
      loadApiConfig({
        ...good,
        DATABASE_URL: undefined,
        API_PORT: 'eighty',
        S3_ENDPOINT: 'ftp://x',
        JWT_SECRET: 'short',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('DATABASE_URL is required');
    expect(message).toContain('API_PORT must be an integer');
    expect(message).toContain('S3_ENDPOINT must use http or https');
    expect(message).toContain('JWT_SECRET must be at least 32');
  });

  it('runs several api processes only with Redis to carry live-room events between them', () => {
    expect(loadApiConfig(good).http.processes).toBe(1);
    expect(() => loadApiConfig({ ...good, API_PROCESSES: '2' })).toThrow(
      /API_PROCESSES above 1 needs REDIS_URL/,
    );
    expect(() => loadApiConfig({ ...good, API_PROCESSES: '0' })).toThrow(/API_PROCESSES must be >= 1/);
    const cfg = loadApiConfig({ ...good, API_PROCESSES: '2', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(cfg.http.processes).toBe(2);
  });

  it('media config needs no database', () => {
    const cfg = loadMediaConfig({
      ROOM_TOKEN_SECRET: 'y'.repeat(32),
      INTERNAL_SECRET: 'z'.repeat(32),
      MEDIA_WORKERS: '2',
    });
    expect(cfg.media.numWorkers).toBe(2);
    expect(() =>
      loadMediaConfig({
        ROOM_TOKEN_SECRET: 'y'.repeat(32),
        INTERNAL_SECRET: 'z'.repeat(32),
        MEDIA_WORKERS: '0',
      }),
    ).toThrow(/MEDIA_WORKERS must be >= 1/);
  });
});
