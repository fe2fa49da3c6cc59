/**
 * Flash-sale benchmark: BUYERS concurrent buyers on one hot product, each through the full order
 * path (HTTP request to the real api, order + stock hold committed, response back), next to a
 * baseline of raw conditional single-row decrements on the same PostgreSQL at the same
 * concurrency. Each buyer is a phone with its own kept-alive connection (`Phone`), opened before the
 * rush as the baseline's pool connections are. Loopback only; bounded; stops by itself.
 *
 *   npm run bench:flashsale            (starts embedded PostgreSQL + S3 unless DATABASE_URL / S3_ENDPOINT are set)
 */
import { fork } from 'node:child_process';
import cluster from 'node:cluster';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type AddressInfo, connect, Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { Client, Pool } from 'pg';
import { ApiConfig, loadApiConfig } from '@app/config';
import { adminUrlFor, runMigrations, withDatabase } from '@app/database';
import { startEmbeddedPostgres } from '@app/database/embedded/embedded-postgres';
import { TokenService } from '@app/identity';
import { startEmbeddedS3 } from '@app/storage/embedded/embedded-s3';
import { startApiProcesses } from '../apps/api/src/api-processes';
import { createApiApp } from '../apps/api/src/bootstrap';

const BUYERS = Number(process.env.BENCH_BUYERS ?? 2000);
const STOCK = Number(process.env.BENCH_STOCK ?? 1500);
const POOL = Number(process.env.BENCH_POOL ?? 32);
const API_PROCESSES = Number(process.env.BENCH_API_PROCESSES ?? 1);
const root = resolve(__dirname, '..', '..');

interface Side {
  orders: number;
  seconds: number;
  ordersPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  oversell: number;
}

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

function summarise(latencies: number[], ok: number, ms: number, oversell: number): Side {
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (x: number): number => Math.round(x * 10) / 10;
  return {
    orders: ok,
    seconds: round(ms / 1000),
    ordersPerSecond: Math.round((ok / ms) * 1000),
    p50Ms: round(pct(sorted, 50)),
    p99Ms: round(pct(sorted, 99)),
    oversell,
  };
}

async function services(
  stops: Array<() => Promise<void>>,
): Promise<{ url: string; s3: Record<string, string> }> {
  const dir = join(root, '.data', 'bench-flashsale');
  let url = process.env.DATABASE_URL;
  if (!url) {
    const pg = await startEmbeddedPostgres({
      dataDir: join(dir, 'postgres'),
      port: 54397,
      database: 'bench',
      log: () => undefined,
    });
    stops.push(() => pg.stop());
    url = pg.url;
  }
  if (process.env.S3_ENDPOINT) return { url, s3: {} };
  const s3 = await startEmbeddedS3({ directory: join(dir, 's3'), port: 9497 });
  stops.push(() => s3.stop());
  return { url, s3: { S3_ENDPOINT: s3.endpoint, S3_ACCESS_KEY: s3.accessKey, S3_SECRET_KEY: s3.secretKey } };
}

/** A fresh database for this run, so figures never depend on what an earlier run left. */
async function freshDatabase(url: string): Promise<string> {
  const name = `bench_flashsale_${Date.now()}`;
  const admin = new Client({ connectionString: adminUrlFor(url) });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const dbUrl = withDatabase(url, name);
  await runMigrations({ url: dbUrl });
  return dbUrl;
}

async function dropDatabase(url: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrlFor(url) });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
  await admin.end();
}

/** Anchor, practice shop, hot product, buyers with addresses, inserted directly (sign-up is argon2-slow). */
async function seed(
  db: Pool,
  tokens: TokenService,
): Promise<{ variantId: string; buyers: { token: string; addressId: string }[]; warm: string }> {
  const anchor = randomUUID();
  await db.query(
    `INSERT INTO users (id, email, password_hash, display_name) VALUES ($1, 'anchor@bench.test', 'x', '主播')`,
    [anchor],
  );
  const shop = (
    await db.query(
      `INSERT INTO shops (owner_id, kind, status, name, category, region) VALUES ($1, 'practice', 'open', '秒杀店', 'noodles', '甘肃') RETURNING id`,
      [anchor],
    )
  ).rows[0].id as string;
  const variant = async (stock: number): Promise<string> => {
    const product = (
      await db.query(
        `INSERT INTO products (shop_id, title, category) VALUES ($1, '手工挂面', 'noodles') RETURNING id`,
        [shop],
      )
    ).rows[0].id as string;
    const id = (
      await db.query(
        `INSERT INTO product_variants (product_id, label, price_minor, currency, position) VALUES ($1, '500g', 1990, 'CNY', 0) RETURNING id`,
        [product],
      )
    ).rows[0].id as string;
    await db.query(
      `INSERT INTO variant_stock_slots (variant_id, slot, qty) SELECT $1, s - 1, $2 / 16 + CASE WHEN s - 1 < $2 % 16 THEN 1 ELSE 0 END FROM generate_series(1, 16) s`,
      [id, stock],
    );
    return id;
  };
  const ids = Array.from({ length: BUYERS }, () => randomUUID());
  const addresses = ids.map(() => randomUUID());
  await db.query(
    `INSERT INTO users (id, email, password_hash, display_name) SELECT id, id::text || '@bench.test', 'x', '买家' FROM unnest($1::uuid[]) id`,
    [ids],
  );
  await db.query(
    `INSERT INTO addresses (id, owner_id, recipient, phone, region, detail) SELECT a, o, '张三', '13800138000', '云南', '茶山村' FROM unnest($1::uuid[], $2::uuid[]) x(a, o)`,
    [addresses, ids],
  );
  const buyers = ids.map((id, i) => ({
    token: tokens.signAccess({ sub: id, roles: ['viewer'], sid: randomUUID() }),
    addressId: addresses[i],
  }));
  return { variantId: await variant(STOCK), buyers, warm: await variant(BUYERS) };
}

/**
 * One buyer's phone: a kept-alive HTTP/1.1 connection to the api, opened before the rush (the
 * phone loaded the pinned product card through it), as the baseline's pool connections are opened
 * before its run. Requests and answers are bytes on a plain socket, read only as far as the
 * status line and Content-Length: node:http's client cost this shared 2-core machine about 0.4 ms
 * of CPU a request, more than PostgreSQL's part of an order, and phones do not run on the server.
 */
class Phone {
  private buffered: Buffer = Buffer.alloc(0);
  private waiting: ((status: number) => void) | null = null;
  private failed: ((e: Error) => void) | null = null;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (e) => this.failed?.(e));
    socket.on('close', () => this.failed?.(new Error('the api closed the connection')));
  }

  static open(port: number): Promise<Phone> {
    return new Promise((ok, fail) => {
      const socket = connect({ port, host: '127.0.0.1', noDelay: true }, () => {
        socket.off('error', fail);
        ok(new Phone(socket));
      });
      socket.once('error', fail);
    });
  }

  /** Sends one request and resolves with the answer's status once its whole body arrived. */
  send(request: Buffer): Promise<number> {
    return new Promise((ok, fail) => {
      this.waiting = ok;
      this.failed = fail;
      this.socket.write(request);
    });
  }

  close(): void {
    this.failed = null;
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
    const head = this.buffered.indexOf('\r\n\r\n');
    if (head < 0) return;
    const headers = this.buffered.toString('latin1', 0, head);
    const length = /\r\ncontent-length: *(\d+)/i.exec(headers);
    if (!length) throw new Error(`an answer without Content-Length: ${headers}`);
    const end = head + 4 + Number(length[1]);
    if (this.buffered.length < end) return;
    this.buffered = this.buffered.subarray(end);
    const done = this.waiting;
    this.waiting = this.failed = null;
    done?.(Number(headers.slice(9, 12)));
  }
}

function orderRequest(variantId: string, b: { token: string; addressId: string }): Buffer {
  const body = JSON.stringify({
    items: [{ variantId, quantity: 1 }],
    addressId: b.addressId,
    paymentMethod: 'sandbox',
  });
  return Buffer.from(
    'POST /api/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\nAuthorization: Bearer ${b.token}\r\n` +
      `Idempotency-Key: ${randomUUID()}\r\n\r\n${body}`,
  );
}

/** Every buyer's phone connected and its saved addresses read (the buy sheet), outside the measured time. */
async function openPhones(port: number, buyers: { token: string }[]): Promise<Phone[]> {
  const phones = await Promise.all(buyers.map(() => Phone.open(port)));
  const statuses = await Promise.all(
    phones.map((p, i) =>
      p.send(
        Buffer.from(
          `GET /api/addresses HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${buyers[i].token}\r\n\r\n`,
        ),
      ),
    ),
  );
  if (statuses.some((s) => s !== 200))
    throw new Error(`addresses answered ${[...new Set(statuses)].join(', ')}`);
  return phones;
}

async function ours(
  port: number,
  db: Pool,
  variantId: string,
  stock: number,
  buyers: { token: string; addressId: string }[],
  window: { start(): void; end(): void } = { start: () => undefined, end: () => undefined },
): Promise<Side> {
  const phones = await openPhones(port, buyers);
  const requests = buyers.map((b) => orderRequest(variantId, b));
  const latencies: number[] = [];
  window.start();
  const t0 = performance.now();
  const statuses = await Promise.all(
    buyers.map(async (_b, i) => {
      const s = performance.now();
      const status = await phones[i].send(requests[i]);
      latencies.push(performance.now() - s);
      return status;
    }),
  );
  const ms = performance.now() - t0;
  window.end();
  for (const p of phones) p.close();
  const unexpected = statuses.filter((s) => s !== 201 && s !== 409);
  if (unexpected.length) throw new Error(`unexpected statuses: ${[...new Set(unexpected)].join(', ')}`);
  const ok = statuses.filter((s) => s === 201).length;
  const held = (
    await db.query(
      `SELECT coalesce(sum(i.quantity), 0)::int AS n FROM order_items i JOIN orders o ON o.id = i.order_id WHERE i.variant_id = $1 AND o.status = 'pending_payment'`,
      [variantId],
    )
  ).rows[0].n as number;
  const left = (
    await db.query(
      'SELECT sum(qty)::int AS n, min(qty)::int AS min FROM variant_stock_slots WHERE variant_id = $1',
      [variantId],
    )
  ).rows[0] as { n: number; min: number };
  if (held !== ok || held + left.n !== stock)
    throw new Error(`books do not balance: ${ok} answered, ${held} held, ${left.n} left of ${stock}`);
  return summarise(latencies, ok, ms, Math.max(0, held - stock) + (left.min < 0 ? -left.min : 0));
}

async function baseline(dbUrl: string): Promise<Side> {
  const pool = new Pool({ connectionString: dbUrl, max: POOL });
  await pool.query('CREATE TABLE bench_stock (id int PRIMARY KEY, stock int NOT NULL)');
  await pool.query('INSERT INTO bench_stock VALUES (1, $1)', [STOCK]);
  await Promise.all(Array.from({ length: POOL }, () => pool.query('SELECT 1')));
  const latencies: number[] = [];
  const t0 = performance.now();
  const hits = await Promise.all(
    Array.from({ length: BUYERS }, async () => {
      const s = performance.now();
      const r = await pool.query('UPDATE bench_stock SET stock = stock - 1 WHERE id = $1 AND stock > 0', [1]);
      latencies.push(performance.now() - s);
      return r.rowCount ?? 0;
    }),
  );
  const ms = performance.now() - t0;
  const ok = hits.reduce((a, b) => a + b, 0);
  const left = (await pool.query('SELECT stock FROM bench_stock WHERE id = 1')).rows[0].stock as number;
  await pool.end();
  return summarise(latencies, ok, ms, Math.max(0, ok - STOCK) + (left < 0 ? -left : 0));
}

/**
 * The api runs in its own processes, so the load generator does not share their event loops:
 * BENCH_API_PROCESSES of them (default 1, as `npm start` runs it), started the way production's
 * API_PROCESSES starts them (`startApiProcesses`: one port, node:cluster), each with its share of the database
 * pool, so both sides use the same number of PostgreSQL connections.
 */
async function serve(): Promise<void> {
  if (cluster.isPrimary) {
    const api = await startApiProcesses(API_PROCESSES, { log: (line) => console.error(line) });
    process.send?.({ port: api.port });
    process.once('SIGTERM', () => void api.stop().then(() => process.exit(0)));
    return;
  }
  const cfg = JSON.parse(process.env.BENCH_API_CONFIG ?? '') as ApiConfig;
  const app = await createApiApp(cfg, { logger: false });
  app.useLogger(['error']);
  await app.init();
  const server = app.getHttpServer() as import('node:http').Server;
  // in a cluster, port 0 gives every worker the same port
  await new Promise<void>((r) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, r));
  process.send?.({ port: (server.address() as AddressInfo).port });
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

/** CPU ms a process has used so far (user + system, from /proc; 0 where there is no /proc). */
function cpuMsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in USER_HZ (100)
  } catch {
    return 0;
  }
}

/** Every process now alive, with its parent, and the pid of the postmaster listening on `pgPort`. */
function processTable(pgPort: number): { parents: Map<number, number>; postmaster: number | undefined } {
  const parents = new Map<number, number>();
  let postmaster: number | undefined;
  for (const pid of readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)) {
    try {
      parents.set(pid, Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]));
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (cmd[0].endsWith('/postgres') && cmd.includes(String(pgPort))) postmaster = pid;
    } catch {
      // gone meanwhile
    }
  }
  return { parents, postmaster };
}

/** CPU ms so far of a process and of each of its children alive now, by pid. */
function treeCpu(root: number | undefined, parents: Map<number, number>): Map<number, number> {
  const out = new Map<number, number>();
  for (const [pid, parent] of parents)
    if (root !== undefined && (pid === root || parent === root)) out.set(pid, cpuMsOf(pid));
  return out;
}

/** CPU ms a process tree spent between two snapshots (processes that ended meanwhile are not counted). */
function cpuSince(before: Map<number, number>, now: Map<number, number>): number {
  let ms = 0;
  for (const [pid, t] of now) ms += t - (before.get(pid) ?? 0);
  return ms;
}

/** CPU so far of the api's processes and of PostgreSQL's. */
function cpuSnapshot(
  apiPid: number | undefined,
  pgPort: number,
): { api: Map<number, number>; pg: Map<number, number> } {
  const { parents, postmaster } = processTable(pgPort);
  return { api: treeCpu(apiPid, parents), pg: treeCpu(postmaster, parents) };
}

async function startApi(
  cfg: ApiConfig,
): Promise<{ port: number; pid: number | undefined; stop: () => void }> {
  const child = fork(__filename, ['--serve'], {
    execArgv: process.env.BENCH_API_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/bench-prof'] : [],
    env: { ...process.env, BENCH_API_CONFIG: JSON.stringify(cfg) },
  });
  const port = await new Promise<number>((ok, fail) => {
    child.once('message', (m) => ok((m as { port: number }).port));
    child.once('exit', (code) => fail(new Error(`api exited with ${code}`)));
  });
  return { port, pid: child.pid, stop: () => child.kill('SIGTERM') };
}

async function main(): Promise<void> {
  const stops: Array<() => Promise<void>> = [];
  const { url, s3 } = await services(stops);
  const dbUrl = await freshDatabase(url);
  const cfg = loadApiConfig({
    ...process.env,
    ...s3,
    DATABASE_URL: dbUrl,
    DATABASE_POOL_SIZE: String(Math.ceil(POOL / API_PROCESSES)),
    S3_BUCKET: `bench-${randomBytes(4).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ROOM_TOKEN_SECRET: randomBytes(32).toString('hex'),
    INTERNAL_SECRET: randomBytes(32).toString('hex'),
    API_HOST: '127.0.0.1',
    API_PORT: '0',
  });
  const api = await startApi(cfg);
  const db = new Pool({ connectionString: dbUrl, max: 4 });
  try {
    const { variantId, buyers, warm } = await seed(db, new TokenService(cfg));
    console.log(`[bench] ${BUYERS} buyers, ${STOCK} units, pool ${POOL}, ${cpus().length} cores`);
    await ours(api.port, db, warm, BUYERS, buyers.slice(0, 500)); // warm-up: JIT, pool
    const b = await baseline(dbUrl);
    // CPU per request of the api process, this load generator and PostgreSQL, in the measured time only
    const pgPort = Number(new URL(dbUrl).port);
    const perRequest = (ms: number): number => Math.round((ms / BUYERS) * 1000) / 1000;
    let before = cpuSnapshot(api.pid, pgPort);
    let genCpu = process.cpuUsage();
    const cpu = { apiMsPerRequest: 0, loadGeneratorMsPerRequest: 0, postgresMsPerRequest: 0 };
    const o = await ours(api.port, db, variantId, STOCK, buyers, {
      start: () => {
        before = cpuSnapshot(api.pid, pgPort);
        genCpu = process.cpuUsage();
      },
      end: () => {
        const gen = process.cpuUsage(genCpu);
        const after = cpuSnapshot(api.pid, pgPort);
        cpu.apiMsPerRequest = perRequest(cpuSince(before.api, after.api));
        cpu.loadGeneratorMsPerRequest = perRequest((gen.user + gen.system) / 1000);
        cpu.postgresMsPerRequest = perRequest(cpuSince(before.pg, after.pg));
      },
    });
    report(o, b, cpu);
  } finally {
    api.stop();
    await db.end();
    await dropDatabase(dbUrl);
    for (const stop of stops.reverse()) await stop();
  }
}

interface CpuPerRequest {
  apiMsPerRequest: number;
  loadGeneratorMsPerRequest: number;
  postgresMsPerRequest: number;
}

function report(o: Side, b: Side, cpu: CpuPerRequest): void {
  const ratio = Math.round((o.ordersPerSecond / b.ordersPerSecond) * 100) / 100;
  const date = new Date().toISOString();
  const command = 'npm run bench:flashsale';
  const result = {
    date,
    command,
    cores: cpus().length,
    buyers: BUYERS,
    stock: STOCK,
    pool: POOL,
    apiProcesses: API_PROCESSES,
    ours: o,
    baseline: b,
    ratio,
    oversell: o.oversell,
    ordersPerSecond: o.ordersPerSecond,
    p99Ms: o.p99Ms,
    p50Ms: o.p50Ms,
    cpu,
  };
  console.log(
    `[bench] ours     ${o.ordersPerSecond} orders/s  p50 ${o.p50Ms} ms  p99 ${o.p99Ms} ms  oversell ${o.oversell}  (${o.orders} orders)`,
  );
  console.log(
    `[bench] baseline ${b.ordersPerSecond} orders/s  p50 ${b.p50Ms} ms  p99 ${b.p99Ms} ms  oversell ${b.oversell}  (${b.orders} decrements)`,
  );
  console.log(`[bench] ratio ours/baseline = ${ratio}`);
  console.log(
    `[bench] CPU per request: api ${cpu.apiMsPerRequest} ms, load generator ${cpu.loadGeneratorMsPerRequest} ms, PostgreSQL ${cpu.postgresMsPerRequest} ms`,
  );
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'flashsale.json'), JSON.stringify(result, null, 2) + '\n');
  const doc = join(root, 'docs', 'BENCHMARKS.md');
  if (!existsSync(doc)) writeFileSync(doc, '# Benchmarks\n');
  appendFileSync(
    doc,
    `\n### flash sale run, ${date}\n\n\`${command}\` on ${result.cores} cores, ${BUYERS} concurrent buyers, ${STOCK} units, pool ${POOL}, ${API_PROCESSES} api process(es)\n\n` +
      `| | orders/s | p50 ms | p99 ms | oversell |\n|---|---|---|---|---|\n` +
      `| ours (HTTP → api → order + stock slots committed) | ${o.ordersPerSecond} | ${o.p50Ms} | ${o.p99Ms} | ${o.oversell} |\n` +
      `| baseline (raw single-row \`UPDATE … stock > 0\`) | ${b.ordersPerSecond} | ${b.p50Ms} | ${b.p99Ms} | ${b.oversell} |\n\nratio ours/baseline: **${ratio}**; CPU per request: api ${cpu.apiMsPerRequest} ms, load generator ${cpu.loadGeneratorMsPerRequest} ms, PostgreSQL ${cpu.postgresMsPerRequest} ms\n`,
  );
}

(process.argv.includes('--serve') ? serve() : main().then(() => process.exit(0))).catch((e: unknown) => {
  console.error('[bench] failed:', e);
  process.exit(1);
});
