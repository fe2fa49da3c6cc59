import { Client } from 'minio';
import { Readable } from 'node:stream';
import { StorageConfig } from '@app/config';

/** What domain code needs from object storage; the S3/MinIO implementation is the only one. */
export abstract class ObjectStorage {
  abstract ensureBucket(): Promise<void>;
  abstract ping(): Promise<void>;
  abstract put(key: string, body: Buffer | Readable, size: number, contentType: string): Promise<void>;
  abstract getStream(key: string, range?: { start: number; end: number }): Promise<Readable>;
  /** first `bytes` bytes of an object, for content sniffing */
  abstract head(key: string, bytes: number): Promise<Buffer>;
  abstract stat(key: string): Promise<{ size: number; contentType: string } | null>;
  abstract remove(key: string): Promise<void>;
  abstract presignPut(key: string, ttlSeconds: number): Promise<string>;
  abstract presignGet(key: string, ttlSeconds: number, responseHeaders?: Record<string, string>): Promise<string>;
}

export class S3ObjectStorage extends ObjectStorage {
  readonly client: Client;

  constructor(private readonly cfg: StorageConfig) {
    super();
    this.client = new Client({
      endPoint: cfg.endPoint,
      port: cfg.port,
      useSSL: cfg.useSSL,
      accessKey: cfg.accessKey,
      secretKey: cfg.secretKey,
      region: cfg.region,
      pathStyle: true,
    });
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
    if (!(await this.client.bucketExists(this.cfg.bucket))) throw new Error(`bucket ${this.cfg.bucket} is missing`);
  }

  async put(key: string, body: Buffer | Readable, size: number, contentType: string): Promise<void> {
    await this.client.putObject(this.cfg.bucket, key, body, size, { 'Content-Type': contentType });
  }

  async getStream(key: string, range?: { start: number; end: number }): Promise<Readable> {
    if (range) return this.client.getPartialObject(this.cfg.bucket, key, range.start, range.end - range.start + 1);
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
      if ((e as { code?: string }).code === 'NotFound' || (e as { code?: string }).code === 'NoSuchKey') return null;
      throw e;
    }
  }

  async remove(key: string): Promise<void> {
    await this.client.removeObject(this.cfg.bucket, key);
  }

  presignPut(key: string, ttlSeconds: number): Promise<string> {
    return this.client.presignedPutObject(this.cfg.bucket, key, ttlSeconds);
  }

  presignGet(key: string, ttlSeconds: number, responseHeaders?: Record<string, string>): Promise<string> {
    return this.client.presignedGetObject(this.cfg.bucket, key, ttlSeconds, responseHeaders);
  }
}
