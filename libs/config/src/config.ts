import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { Env, EnvReader } from './env';

export interface HttpConfig {
  host: string;
  port: number;
  /** where the built web client lives; served by the api when present */
  webDistDir: string;
  /** origins allowed by CORS; empty means same-origin only */
  corsOrigins: string[];
  bodyLimit: string;
  trustProxy: boolean;
  /**
   * api processes on this machine sharing its port (API_PROCESSES, default 1). More than one needs
   * REDIS_URL, so live-room events reach sockets held by every process, and their live-room
   * sockets use WebSocket only (long-polling would need sticky sessions).
   */
  processes: number;
  /** PEM files: when both are set the api serves HTTPS (browsers open cameras only on secure origins) */
  tlsCertFile: string | undefined;
  tlsKeyFile: string | undefined;
}

export interface DatabaseConfig {
  url: string;
  poolSize: number;
  logging: boolean;
}

export interface StorageConfig {
  endPoint: string;
  port: number;
  useSSL: boolean;
  accessKey: string;
  secretKey: string;
  bucket: string;
  region: string;
  /** lifetime of presigned URLs, seconds */
  presignTtl: number;
  /**
   * Where browsers reach presigned URLs (S3_PUBLIC_URL). Unset: the S3 endpoint itself. A path such
   * as `/s3` (the embedded default): URLs are relative and the api proxies that path to the S3
   * endpoint, so a phone never needs the S3 port. An origin such as `https://files.example.com`: a
   * public S3 endpoint (production MinIO) that URLs are signed for.
   */
  publicUrl: string | undefined;
}

export interface AuthConfig {
  jwtSecret: string;
  accessTokenTtl: number;
  refreshTokenTtl: number;
  /** shared by api (issues) and media (verifies) */
  roomTokenSecret: string;
  roomTokenTtl: number;
  signInMaxPerAccount: number;
  signInMaxPerAddress: number;
  signInWindowSeconds: number;
}

export interface MediaConfig {
  port: number;
  host: string;
  numWorkers: number;
  workerBin: string | undefined;
  listenIp: string;
  announcedIp: string | undefined;
  rtcPortBase: number;
  logLevel: 'debug' | 'warn' | 'error' | 'none';
  /** consumers on a room's worker past which new viewers go to a piped router on another worker */
  pipeThreshold: number;
  /** api base URL media reports viewer statistics to */
  apiInternalUrl: string;
  internalSecret: string;
  turnUrls: string[];
  turnSecret: string | undefined;
}

export interface RedisConfig {
  url: string | undefined;
}

function http(r: EnvReader): HttpConfig {
  return {
    host: r.string('API_HOST', '0.0.0.0'),
    port: r.int('API_PORT', 3000, { min: 0, max: 65535 }),
    webDistDir: r.string('WEB_DIST_DIR', 'dist/web'),
    corsOrigins: r.list('CORS_ORIGINS', []),
    bodyLimit: r.string('HTTP_BODY_LIMIT', '256kb'),
    trustProxy: r.bool('TRUST_PROXY', false),
    processes: r.int('API_PROCESSES', 1, { min: 1, max: 64 }),
    ...tls(r),
  };
}

function tls(r: EnvReader): Pick<HttpConfig, 'tlsCertFile' | 'tlsKeyFile'> {
  const tlsCertFile = r.optional('TLS_CERT_FILE');
  const tlsKeyFile = r.optional('TLS_KEY_FILE');
  if (!!tlsCertFile !== !!tlsKeyFile) r.problems.push('TLS_CERT_FILE and TLS_KEY_FILE must be set together');
  for (const [name, file] of [
    ['TLS_CERT_FILE', tlsCertFile],
    ['TLS_KEY_FILE', tlsKeyFile],
  ] as const) {
    if (file && !existsSync(file)) r.problems.push(`${name} points at ${file}, which does not exist`);
  }
  return { tlsCertFile, tlsKeyFile };
}

function database(r: EnvReader): DatabaseConfig {
  return {
    url: r.url('DATABASE_URL', undefined, ['postgres', 'postgresql']),
    poolSize: r.int('DATABASE_POOL_SIZE', 20, { min: 1, max: 500 }),
    logging: r.bool('DATABASE_LOGGING', false),
  };
}

function storage(r: EnvReader): StorageConfig {
  const endpoint = r.url('S3_ENDPOINT', undefined, ['http', 'https']);
  let host = '';
  let port = 0;
  let useSSL = false;
  try {
    const u = new URL(endpoint);
    host = u.hostname;
    useSSL = u.protocol === 'https:';
    port = u.port ? Number(u.port) : useSSL ? 443 : 80;
  } catch {
    // reported by url()
  }
  const bucket = r.string('S3_BUCKET');
  if (bucket && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    r.problems.push(
      `S3_BUCKET must be a valid bucket name (3-63 lowercase letters, digits, dots, dashes), got "${bucket}"`,
    );
  }
  const publicUrl = r.optional('S3_PUBLIC_URL');
  if (publicUrl !== undefined) checkS3PublicUrl(r, publicUrl);
  return {
    endPoint: host,
    port,
    useSSL,
    accessKey: r.string('S3_ACCESS_KEY'),
    secretKey: r.string('S3_SECRET_KEY'),
    bucket,
    region: r.string('S3_REGION', 'us-east-1'),
    presignTtl: r.int('S3_PRESIGN_TTL', 900, { min: 10, max: 7 * 24 * 3600 }),
    publicUrl,
  };
}

/** A path on the api's own origin, or the bare origin of a public S3 endpoint (signatures cover no path prefix). */
function checkS3PublicUrl(r: EnvReader, value: string): void {
  if (value.startsWith('/')) {
    if (!/^(\/[A-Za-z0-9._~-]+)+$/.test(value)) {
      r.problems.push(
        `S3_PUBLIC_URL as a path must look like /s3 (no trailing slash, no query), got "${value}"`,
      );
    } else if (/^\/(api|health|socket\.io)(\/|$)/i.test(value)) {
      r.problems.push(`S3_PUBLIC_URL must not overlap the api's own routes, got "${value}"`);
    }
    return;
  }
  r.url('S3_PUBLIC_URL', undefined, ['http', 'https']);
  try {
    const u = new URL(value);
    if (u.pathname !== '/' || u.search || u.hash || u.username || u.password) {
      r.problems.push(
        `S3_PUBLIC_URL must be a path such as /s3 or an origin such as https://files.example.com, got "${value}"`,
      );
    }
  } catch {
    // reported by url()
  }
}

function auth(r: EnvReader): AuthConfig {
  return {
    jwtSecret: r.string('JWT_SECRET', undefined, { minLength: 32 }),
    accessTokenTtl: r.int('ACCESS_TOKEN_TTL', 900, { min: 10, max: 86400 }),
    refreshTokenTtl: r.int('REFRESH_TOKEN_TTL', 30 * 86400, { min: 60 }),
    roomTokenSecret: r.string('ROOM_TOKEN_SECRET', undefined, { minLength: 32 }),
    roomTokenTtl: r.int('ROOM_TOKEN_TTL', 120, { min: 5, max: 3600 }),
    signInMaxPerAccount: r.int('SIGNIN_MAX_PER_ACCOUNT', 5, { min: 1 }),
    signInMaxPerAddress: r.int('SIGNIN_MAX_PER_ADDRESS', 30, { min: 1 }),
    signInWindowSeconds: r.int('SIGNIN_WINDOW_SECONDS', 900, { min: 1 }),
  };
}

function media(r: EnvReader): MediaConfig {
  return {
    port: r.int('MEDIA_PORT', 3100, { min: 0, max: 65535 }),
    host: r.string('MEDIA_HOST', '0.0.0.0'),
    numWorkers: r.int('MEDIA_WORKERS', Math.max(1, cpus().length), { min: 1, max: 64 }),
    workerBin: r.optional('MEDIASOUP_WORKER_BIN'),
    listenIp: r.string('MEDIA_LISTEN_IP', '0.0.0.0'),
    announcedIp: r.optional('MEDIA_ANNOUNCED_IP'),
    // below Linux's ephemeral range (32768-60999): an outgoing connection never takes a worker's port
    rtcPortBase: r.int('MEDIA_RTC_PORT_BASE', 20000, { min: 1024, max: 65000 }),
    logLevel: r.oneOf('MEDIA_LOG_LEVEL', 'warn', ['debug', 'warn', 'error', 'none'] as const),
    pipeThreshold: r.int('MEDIA_PIPE_THRESHOLD', 400, { min: 1 }),
    apiInternalUrl: r.url('API_INTERNAL_URL', 'http://127.0.0.1:3000', ['http', 'https']),
    internalSecret: r.string('INTERNAL_SECRET', undefined, { minLength: 32 }),
    turnUrls: r.list('TURN_URLS', []),
    turnSecret: r.optional('TURN_SECRET'),
  };
}

function redis(r: EnvReader): RedisConfig {
  const url = r.optional('REDIS_URL');
  if (url !== undefined) r.url('REDIS_URL', undefined, ['redis', 'rediss']);
  return { url };
}

export interface CommerceConfig {
  /** unpaid orders are cancelled (and their stock given back) this long after placement */
  paymentTimeoutSeconds: number;
  /** how often each api node sweeps expired orders and finished flash sales */
  sweepIntervalSeconds: number;
  /** HMAC-SHA256 secrets of payment webhooks by provider: PAYMENT_WEBHOOK_SECRETS=sandbox=…,wechat=… */
  webhookSecrets: Record<string, string>;
}

function commerce(r: EnvReader): CommerceConfig {
  const webhookSecrets: Record<string, string> = {};
  for (const pair of r.list('PAYMENT_WEBHOOK_SECRETS', [])) {
    const [provider, secret] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
    if (!/^[a-z][a-z0-9_-]{1,31}$/.test(provider) || secret.length < 16) {
      r.problems.push('PAYMENT_WEBHOOK_SECRETS must be provider=secret pairs with secrets of 16+ characters');
    } else webhookSecrets[provider] = secret;
  }
  return {
    paymentTimeoutSeconds: r.int('ORDER_PAYMENT_TIMEOUT_SECONDS', 900, { min: 1, max: 7 * 86400 }),
    sweepIntervalSeconds: r.int('ORDER_SWEEP_INTERVAL_SECONDS', 15, { min: 1, max: 3600 }),
    webhookSecrets,
  };
}

export interface LiveConfig {
  /**
   * A replay still recording or processing this long after its session ended is marked failed:
   * the media server never reported (it lost the room, or the host never joined it).
   */
  replayGiveUpMinutes: number;
}

function live(r: EnvReader): LiveConfig {
  // past the upload URL's hour and the time ffmpeg needs to finish a long stream
  return { replayGiveUpMinutes: r.int('REPLAY_GIVE_UP_MINUTES', 120, { min: 1, max: 7 * 24 * 60 }) };
}

export interface ApiConfig {
  http: HttpConfig;
  database: DatabaseConfig;
  storage: StorageConfig;
  auth: AuthConfig;
  redis: RedisConfig;
  commerce: CommerceConfig;
  live: LiveConfig;
  /** base URL of the media server's signaling endpoint as browsers reach it; empty: same host, MEDIA_PORT */
  mediaPublicUrl: string;
  /** where the api reaches the media server (health, room control) */
  mediaInternalUrl: string;
  /** api ↔ media shared secret for internal reports */
  internalSecret: string;
  /** TURN servers handed to browsers with the room token, and the coturn `static-auth-secret` */
  turnUrls: string[];
  turnSecret: string | undefined;
}

export interface MediaAppConfig {
  media: MediaConfig;
  auth: Pick<AuthConfig, 'roomTokenSecret'>;
  redis: RedisConfig;
}

export function loadApiConfig(env: Env = process.env): ApiConfig {
  const r = new EnvReader(env);
  const cfg: ApiConfig = {
    http: http(r),
    database: database(r),
    storage: storage(r),
    auth: auth(r),
    redis: redis(r),
    commerce: commerce(r),
    live: live(r),
    mediaPublicUrl: r.string('MEDIA_PUBLIC_URL', ''),
    mediaInternalUrl: r.url('MEDIA_INTERNAL_URL', 'http://127.0.0.1:3100', ['http', 'https']),
    internalSecret: r.string('INTERNAL_SECRET', undefined, { minLength: 32 }),
    turnUrls: r.list('TURN_URLS', []),
    turnSecret: r.optional('TURN_SECRET'),
  };
  if (cfg.http.processes > 1 && !cfg.redis.url)
    r.problems.push('API_PROCESSES above 1 needs REDIS_URL, so live-room events reach every process');
  r.done();
  return cfg;
}

export function loadMediaConfig(env: Env = process.env): MediaAppConfig {
  const r = new EnvReader(env);
  const cfg: MediaAppConfig = {
    media: media(r),
    auth: { roomTokenSecret: r.string('ROOM_TOKEN_SECRET', undefined, { minLength: 32 }) },
    redis: redis(r),
  };
  r.done();
  return cfg;
}

export function loadDatabaseConfig(env: Env = process.env): DatabaseConfig {
  const r = new EnvReader(env);
  const cfg = database(r);
  r.done();
  return cfg;
}

export function loadStorageConfig(env: Env = process.env): StorageConfig {
  const r = new EnvReader(env);
  const cfg = storage(r);
  r.done();
  return cfg;
}
