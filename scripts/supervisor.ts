/**
 * Runs the platform on one machine. `services` starts only what DATABASE_URL / S3_ENDPOINT do not
 * already point at (embedded PostgreSQL, embedded S3-protocol server) and writes their settings to
 * an env file; `start` does that, applies migrations and runs api and media until Ctrl-C.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmbeddedPostgres } from '@app/database/embedded/embedded-postgres';
import { startEmbeddedS3 } from '@app/storage/embedded/embedded-s3';
import { runMigrations } from '@app/database/migrate';

type Env = Record<string, string>;
const root = resolve(__dirname, '..', '..');
const log = (line: string): void => console.log(`[platform] ${line}`);
const stops: Array<() => Promise<void>> = [];
const children: ChildProcess[] = [];

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** Secrets generated once per data folder, so a restart keeps everyone signed in. */
function secrets(dataDir: string): Env {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Env;
  const s: Env = {
    JWT_SECRET: randomBytes(32).toString('hex'),
    ROOM_TOKEN_SECRET: randomBytes(32).toString('hex'),
    INTERNAL_SECRET: randomBytes(32).toString('hex'),
    TURN_SECRET: randomBytes(24).toString('hex'),
  };
  writeFileSync(file, JSON.stringify(s, null, 2), { mode: 0o600 });
  return s;
}

function assertPortFree(port: number, what: string, flag: string): Promise<void> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', () =>
      fail(
        new Error(
          `port ${port} for the ${what} is already in use; stop what uses it or pick another with --${flag}`,
        ),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => ok()));
  });
}

export async function startServices(dataDir: string, ports: { pg: number; s3: number }): Promise<Env> {
  mkdirSync(dataDir, { recursive: true });
  if (!process.env.DATABASE_URL) await assertPortFree(ports.pg, 'embedded PostgreSQL', 'pg-port');
  if (!process.env.S3_ENDPOINT) await assertPortFree(ports.s3, 'embedded S3 server', 's3-port');
  const env: Env = {};
  const given = process.env;
  if (given.DATABASE_URL) {
    log('using the PostgreSQL at DATABASE_URL');
  } else {
    const pgDir = process.env.PG_DATA_DIR ?? join(dataDir, 'postgres');
    log(`starting embedded PostgreSQL on 127.0.0.1:${ports.pg} (data in ${pgDir})`);
    const pg = await startEmbeddedPostgres({
      dataDir: pgDir,
      port: ports.pg,
      database: 'anchor_academy',
      log: () => undefined,
    });
    stops.push(() => pg.stop());
    env.DATABASE_URL = pg.url;
    env.DATABASE_ADMIN_URL = pg.adminUrl;
  }
  if (given.S3_ENDPOINT) {
    log('using the S3 server at S3_ENDPOINT');
  } else {
    const dir = join(dataDir, 's3');
    log(`starting embedded S3-protocol server (s3rver, no signature checks) on 127.0.0.1:${ports.s3}`);
    const s3 = await startEmbeddedS3({ directory: dir, port: ports.s3 });
    stops.push(() => s3.stop());
    Object.assign(env, {
      S3_ENDPOINT: s3.endpoint,
      S3_ACCESS_KEY: s3.accessKey,
      S3_SECRET_KEY: s3.secretKey,
      S3_BUCKET: given.S3_BUCKET ?? 'anchor-academy',
    });
  }
  for (const [k, v] of Object.entries(secrets(dataDir))) if (!given[k]) env[k] = v;
  return env;
}

async function stopAll(): Promise<void> {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
  await Promise.all(running.map((c) => new Promise((r) => c.once('exit', r))));
  for (const stop of stops.reverse()) await stop().catch((e: unknown) => log(`stop failed: ${String(e)}`));
}

function lanAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

function run(name: string, script: string, env: Env): ChildProcess {
  const child = spawn(process.execPath, [join(root, script)], {
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  child.on('exit', (code, signal) => {
    if (!shuttingDown) {
      log(`${name} exited (${signal ?? code}); stopping everything`);
      void shutdown(1);
    }
  });
  children.push(child);
  return child;
}

let shuttingDown = false;
async function shutdown(code: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  log('stopping…');
  await stopAll();
  process.exit(code);
}

function healthy(url: string): Promise<boolean> {
  return new Promise((resolveOk) => {
    // our own (possibly self-signed) certificate: only the status matters here
    const req = (url.startsWith('https:') ? httpsGet : httpGet)(
      url,
      { rejectUnauthorized: false, timeout: 2000 },
      (res) => {
        res.resume();
        resolveOk(res.statusCode === 200);
      },
    );
    req.on('error', () => resolveOk(false));
    req.on('timeout', () => req.destroy());
  });
}

async function waitForHealth(url: string, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await healthy(url)) return true;
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

/**
 * Phones open the camera only on a secure origin. With --https and no TLS_CERT_FILE, make a
 * self-signed certificate (once) for localhost and this machine's LAN address.
 */
function selfSignedCertificate(dataDir: string, lan: string | undefined): { cert: string; key: string } {
  const dir = join(dataDir, 'tls');
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const san = ['DNS:localhost', 'IP:127.0.0.1', ...(lan ? [`IP:${lan}`] : [])].join(',');
  const sanFile = join(dir, 'san.txt');
  if (!existsSync(cert) || !existsSync(sanFile) || readFileSync(sanFile, 'utf8') !== san) {
    mkdirSync(dir, { recursive: true });
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '825',
        '-subj',
        '/CN=Anchor Academy (local)',
        '-addext',
        `subjectAltName=${san}`,
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    writeFileSync(sanFile, san);
    log(`made a self-signed certificate for ${san}`);
  }
  return { cert, key };
}

async function main(): Promise<void> {
  const mode = process.argv[2] ?? 'start';
  const dataDir = resolve(arg('data-dir', process.env.DATA_DIR ?? join(root, '.data')));
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  const env = await startServices(dataDir, {
    pg: Number(arg('pg-port', '54329')),
    s3: Number(arg('s3-port', '9400')),
  });
  const all = {
    ...env,
    ...Object.fromEntries(
      Object.entries(process.env).filter(([k]) => k in env === false && /^(DATABASE_URL|S3_)/.test(k)),
    ),
  } as Env;
  const databaseUrl = process.env.DATABASE_URL ?? env.DATABASE_URL;
  await runMigrations({ url: databaseUrl }, (l) => log(l));

  if (mode === 'services') {
    const envFile = arg('write-env', join(dataDir, 'services.env'));
    writeFileSync(
      envFile,
      Object.entries(all)
        .map(([k, v]) => `export ${k}='${v}'`)
        .join('\n') + '\n',
    );
    log(`services ready; settings in ${envFile}`);
    return; // stays alive until SIGTERM: embedded servers hold the event loop
  }

  const apiPort = process.env.API_PORT ?? '3000';
  const mediaPort = process.env.MEDIA_PORT ?? '3100';
  const lan = lanAddress();
  const announced = process.env.MEDIA_ANNOUNCED_IP ?? lan ?? '127.0.0.1';
  const common: Env = {
    ...all,
    API_PORT: apiPort,
    MEDIA_PORT: mediaPort,
    MEDIA_ANNOUNCED_IP: announced,
    MEDIA_INTERNAL_URL: process.env.MEDIA_INTERNAL_URL ?? `http://127.0.0.1:${mediaPort}`,
    API_INTERNAL_URL: process.env.API_INTERNAL_URL ?? `http://127.0.0.1:${apiPort}`,
    WEB_DIST_DIR: process.env.WEB_DIST_DIR ?? join(root, 'dist', 'web'),
  };
  // browsers reach the embedded S3 server only through the api's /s3 proxy
  if (env.S3_ENDPOINT && !process.env.S3_PUBLIC_URL) common.S3_PUBLIC_URL = '/s3';
  const https = process.argv.includes('--https') || process.env.HTTPS === '1';
  if (https && !process.env.TLS_CERT_FILE) {
    const { cert, key } = selfSignedCertificate(dataDir, lan);
    common.TLS_CERT_FILE = cert;
    common.TLS_KEY_FILE = key;
  }
  if (!process.env.MEDIASOUP_WORKER_BIN) {
    const pkg = JSON.parse(readFileSync(join(root, 'node_modules/mediasoup/package.json'), 'utf8')) as {
      version: string;
    };
    const bin = join(root, '.cache/mediasoup-worker', pkg.version, 'mediasoup-worker');
    if (existsSync(bin)) common.MEDIASOUP_WORKER_BIN = bin;
  }
  run('media', 'dist/apps/media/src/main.js', common);
  run('api', 'dist/apps/api/src/main.js', common);
  const scheme = common.TLS_CERT_FILE ? 'https' : 'http';
  const ok = await waitForHealth(`${scheme}://127.0.0.1:${apiPort}/health`, 60000);
  if (!ok) {
    log('the platform did not become healthy within 60 s; see the messages above');
    return shutdown(1);
  }
  log(`ready: ${scheme}://localhost:${apiPort}/  (API docs: /api/docs, health: /health)`);
  if (lan)
    log(
      `on a phone in the same network: ${scheme}://${lan}:${apiPort}/${scheme === 'http' ? '  (camera needs --https)' : ''}`,
    );
  log('press Ctrl-C to stop everything');
}

if (require.main === module) {
  main().catch(async (e: unknown) => {
    console.error('[platform] failed:', e instanceof Error ? e.message : String(e));
    await stopAll();
    process.exit(1);
  });
}
