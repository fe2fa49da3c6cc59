import type { StorageConfig } from '@app/config';

/**
 * How browsers reach presigned URLs, from S3_PUBLIC_URL (validated by @app/config):
 * - `direct`: the S3 endpoint itself (a dev setup with S3 reachable by everyone);
 * - `proxy`: a path on the api's origin (`/s3`); URLs are relative and the api forwards them;
 * - `origin`: a public S3 origin (production MinIO); URLs are signed for that host.
 */
export type PublicAccess =
  | { kind: 'direct' }
  | { kind: 'proxy'; path: string }
  | { kind: 'origin'; endPoint: string; port: number; useSSL: boolean };

export function publicAccess(cfg: Pick<StorageConfig, 'publicUrl'>): PublicAccess {
  const value = cfg.publicUrl;
  if (!value) return { kind: 'direct' };
  if (value.startsWith('/')) return { kind: 'proxy', path: value };
  const u = new URL(value);
  const useSSL = u.protocol === 'https:';
  return { kind: 'origin', endPoint: u.hostname, port: u.port ? Number(u.port) : useSSL ? 443 : 80, useSSL };
}

/** The path the api mounts its S3 proxy on, when browsers reach storage through it. */
export function s3ProxyPath(cfg: Pick<StorageConfig, 'publicUrl'>): string | undefined {
  const access = publicAccess(cfg);
  return access.kind === 'proxy' ? access.path : undefined;
}
