import { Client } from 'minio';
import { Readable } from 'node:stream';
import { StorageConfig } from '@app/config';
import { publicAccess, PublicAccess } from './public-access';

/**
 * Who will use a presigned URL: a browser (through S3_PUBLIC_URL) or a process next to the api,
 * such as the media server uploading a recording, which talks to the S3 endpoint directly.
 */
export type UrlAudience = 'browser' | 'server';

/** What domain code needs from object storage; the S3/MinIO implementation is the only one. */
export abstract class ObjectStorage {
  abstract ensureBucket(): Promise<void>;
  abstract ping(): Promise<void>;
  abstract put(key: string, body: Buffer | Readable, size: number, contentType: string): Promise<void>;
  abstract getStream(key: string, range?: { start: number; end: number }): Promise<Readable>;
  /** first `bytes` bytes of an object, for content sniffing */
  abstract head(key: string, bytes: number): Promise<Buffer>;
  abstract stat(key: string): Promise<{ size: number; contentType: string } | null>;
  /** server-side copy within the bucket; the bytes never pass through this process */
  abstract copy(sourceKey: string, targetKey: string): Promise<void>;
  abstract remove(key: string): Promise<void>;
  /** For browsers: absolute, or relative to the api's origin when it proxies storage (`/s3/…`). */
  abstract presignPut(key: string, ttlSeconds: number, audience?: UrlAudience): Promise<string>;
  abstract presignGet(
    key: string,
    ttlSeconds: number,
    responseHeaders?: Record<string, string>,
    audience?: UrlAudience,
  ): Promise<string>;
}

export class S3ObjectStorage extends ObjectStorage {
  readonly client: Client;
  /** Signs browser URLs. With a public origin the signature must cover that host, not ours. */
  private readonly presigner: Client;
  private readonly access: PublicAccess;

  constructor(private readonly cfg: StorageConfig) {
    super();
    const common = {
      accessKey: cfg.accessKey,
      secretKey: cfg.secretKey,
      region: cfg.region,
      pathStyle: true,
    };
    this.client = new Client({ ...common, endPoint: cfg.endPoint, port: cfg.port, useSSL: cfg.useSSL });
    this.access = publicAccess(cfg);
    // With `region` set, presigning is pure computation: the public host is never contacted.
    this.presigner =
      this.access.kind === 'origin'
        ? new Client({
            ...common,
            endPoint: this.access.endPoint,
            port: this.access.port,
            useSSL: this.access.useSSL,
          })
        : this.client;
  }

  get bucket(): string {
    return this.cfg.bucket;
  }

  async ensureBucket(): Promise<void> {
    if (!(await this.client.bucketExists(this.cfg.bucket))) {
      try {
        await this.client.makeBucket(this.cfg.bucket, this.cfg.region);
      } catch (e) {
        // another node created it first
        if (!(await this.client.bucketExists(this.cfg.bucket))) throw e;
      }
    }
  }

  async ping(): Promise<void> {
    if (!(await this.client.bucketExists(this.cfg.bucket)))
      throw new Error(`bucket ${this.cfg.bucket} is missing`);
  }

  async put(key: string, body: Buffer | Readable, size: number, contentType: string): Promise<void> {
    await this.client.putObject(this.cfg.bucket, key, body, size, { 'Content-Type': contentType });
  }

  async getStream(key: string, range?: { start: number; end: number }): Promise<Readable> {
    if (range)
      return this.client.getPartialObject(this.cfg.bucket, key, range.start, range.end - range.start + 1);
    return this.client.getObject(this.cfg.bucket, key);
  }

  async head(key: string, bytes: number): Promise<Buffer> {
    const stream = await this.client.getPartialObject(this.cfg.bucket, key, 0, bytes);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return Buffer.concat(chunks).subarray(0, bytes);
  }

  async stat(key: string): Promise<{ size: number; contentType: string } | null> {
    try {
      const s = await this.client.statObject(this.cfg.bucket, key);
      const meta = s.metaData as Record<string, string>;
      return { size: s.size, contentType: meta['content-type'] ?? 'application/octet-stream' };
    } catch (e) {
      if ((e as { code?: string }).code === 'NotFound' || (e as { code?: string }).code === 'NoSuchKey')
        return null;
      throw e;
    }
  }

  async copy(sourceKey: string, targetKey: string): Promise<void> {
    await this.client.copyObject(this.cfg.bucket, targetKey, `/${this.cfg.bucket}/${sourceKey}`);
  }

  async remove(key: string): Promise<void> {
    await this.client.removeObject(this.cfg.bucket, key);
  }

  async presignPut(key: string, ttlSeconds: number, audience: UrlAudience = 'browser'): Promise<string> {
    if (audience === 'server') return this.client.presignedPutObject(this.cfg.bucket, key, ttlSeconds);
    return this.forBrowsers(await this.presigner.presignedPutObject(this.cfg.bucket, key, ttlSeconds));
  }

  async presignGet(
    key: string,
    ttlSeconds: number,
    responseHeaders?: Record<string, string>,
    audience: UrlAudience = 'browser',
  ): Promise<string> {
    if (audience === 'server')
      return this.client.presignedGetObject(this.cfg.bucket, key, ttlSeconds, responseHeaders);
    return this.forBrowsers(
      await this.presigner.presignedGetObject(this.cfg.bucket, key, ttlSeconds, responseHeaders),
    );
  }

  /** Behind the api's proxy the URL keeps the signed path and query but drops the internal origin. */
  private forBrowsers(url: string): string {
    if (this.access.kind !== 'proxy') return url;
    const u = new URL(url);
    return `${this.access.path}${u.pathname}${u.search}`;
  }
}
