import { mkdirSync } from 'node:fs';

export interface RunningS3 {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  stop(): Promise<void>;
}

interface S3rverInstance {
  run(): Promise<{ port: number; address: string }>;
  close(): Promise<void>;
}
type S3rverCtor = new (opts: Record<string, unknown>) => S3rverInstance;

/**
 * The embedded default: s3rver speaks the S3 protocol but checks no request signatures (see
 * README), so it is bound to loopback only and never exposed; browsers reach it through the api's
 * `/s3` proxy.
 */
export async function startEmbeddedS3(opts: {
  directory: string;
  port: number;
  silent?: boolean;
}): Promise<RunningS3> {
  mkdirSync(opts.directory, { recursive: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const S3rver = require('s3rver') as S3rverCtor;
  const server = new S3rver({
    address: '127.0.0.1',
    port: opts.port,
    directory: opts.directory,
    silent: opts.silent ?? true,
    vhostBuckets: false,
  });
  const addr = await server.run();
  return {
    endpoint: `http://127.0.0.1:${addr.port}`,
    // s3rver's fixed credentials; it does not check them.
    accessKey: 'S3RVER',
    secretKey: 'S3RVER',
    stop: () => server.close(),
  };
}
