/**
 * Flash-sale benchmark: BUYERS concurrent buyers on one hot product, each through the full order
 * path (HTTP request to the real api, order + stock hold committed, response back), next to a
 * baseline of raw conditional single-row decrements on the same PostgreSQL at the same
 * concurrency. Loopback only; bounded; stops by itself.
 *
 *   npm run bench:flashsale            (starts embedded PostgreSQL + S3 unless DATABASE_URL / S3_ENDPOINT are set)
 */
import { fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { cpus } from 'node:os';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { Client, Pool } from 'pg';
import { ApiConfig, loadApiConfig } from '@app/config';
import { adminUrlFor, runMigrations, withDatabase } from '@app/database';
import { startEmbeddedPostgres } from '@app/database/embedded/embedded-postgres';
import { TokenService } from '@app/identity';
import { startEmbeddedS3 } from '@app/storage/embedded/embedded-s3';
import { createApiApp } from '../apps/api/src/bootstrap';

const BUYERS = Number(process.env.BENCH_BUYERS ?? 2000);
const STOCK = Number(process.env.BENCH_STOCK ?? 1500);
const POOL = Number(process.env.BENCH_POOL ?? 32);
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

function placeOrder(
  base: string,
  agent: Agent,
  variantId: string,
  b: { token: string; addressId: string },
): Promise<number> {
  const body = JSON.stringify({
    items: [{ variantId, quantity: 1 }],
    addressId: b.addressId,
    paymentMethod: 'sandbox',
  });
  return new Promise((done, fail) => {
    const req = httpRequest(
      `${base}/api/orders`,
      {
        method: 'POST',
        agent,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          Authorization: `Bearer ${b.token}`,
          'Idempotency-Key': randomUUID(),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode ?? 0));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

async function ours(
  base: string,
  db: Pool,
  variantId: string,
  buyers: { token: string; addressId: string }[],
): Promise<Side> {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const latencies: number[] = [];
  const t0 = performance.now();
  const statuses = await Promise.all(
    buyers.map(async (b) => {
      const s = performance.now();
      const status = await placeOrder(base, agent, variantId, b);
      latencies.push(performance.now() - s);
      return status;
    }),
  );
  const ms = performance.now() - t0;
  agent.destroy();
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
  if (held !== ok || held + left.n !== STOCK)
    throw new Error(`books do not balance: ${ok} answered, ${held} held, ${left.n} left of ${STOCK}`);
  return summarise(latencies, ok, ms, Math.max(0, held - STOCK) + (left.min < 0 ? -left.min : 0));
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

/** The api runs in its own process, as in production, so the load generator does not share its event loop. */
async function serve(): Promise<void> {
  const cfg = JSON.parse(process.env.BENCH_API_CONFIG ?? '') as ApiConfig;
  const app = await createApiApp(cfg, { logger: false });
  app.useLogger(['error']);
  await app.init();
  const server = app.getHttpServer() as import('node:http').Server;
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

/** CPU ms so far of the PostgreSQL server on `port` and of each of its processes alive now, by pid. */
function postgresCpu(port: number): Map<number, number> {
  const parents = new Map<number, number>();
  let postmaster: number | undefined;
  for (const pid of readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)) {
    try {
      parents.set(pid, Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]));
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (cmd[0].endsWith('/postgres') && cmd.includes(String(port))) postmaster = pid;
    } catch {
      // gone meanwhile
    }
  }
  const out = new Map<number, number>();
  for (const [pid, parent] of parents)
    if (postmaster !== undefined && (pid === postmaster || parent === postmaster)) out.set(pid, cpuMsOf(pid));
  return out;
}

/** CPU ms PostgreSQL spent between two snapshots (processes that ended meanwhile are not counted). */
function postgresCpuSince(before: Map<number, number>, port: number): number {
  let ms = 0;
  for (const [pid, now] of postgresCpu(port)) ms += now - (before.get(pid) ?? 0);
  return ms;
}

async function startApi(
  cfg: ApiConfig,
): Promise<{ base: string; pid: number | undefined; stop: () => void }> {
  const child = fork(__filename, ['--serve'], {
    execArgv: process.env.BENCH_API_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/bench-prof'] : [],
    env: { ...process.env, BENCH_API_CONFIG: JSON.stringify(cfg) },
  });
  const port = await new Promise<number>((ok, fail) => {
    child.once('message', (m) => ok((m as { port: number }).port));
    child.once('exit', (code) => fail(new Error(`api exited with ${code}`)));
  });
  return { base: `http://127.0.0.1:${port}`, pid: child.pid, stop: () => child.kill('SIGTERM') };
}

async function main(): Promise<void> {
  const stops: Array<() => Promise<void>> = [];
  const { url, s3 } = await services(stops);
  const dbUrl = await freshDatabase(url);
  const cfg = loadApiConfig({
    ...process.env,
    ...s3,
    DATABASE_URL: dbUrl,
    DATABASE_POOL_SIZE: String(POOL),
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
    await ours(api.base, db, warm, buyers.slice(0, 500)).catch(() => undefined); // warm-up: JIT, pool, sockets
    const b = await baseline(dbUrl);
    // CPU per request of the api process and of this load generator, around the measured run only
    const pgPort = Number(new URL(dbUrl).port);
    const apiCpu0 = cpuMsOf(api.pid);
    const pgCpu0 = postgresCpu(pgPort);
    const genCpu0 = process.cpuUsage();
    const o = await ours(api.base, db, variantId, buyers);
    const gen = process.cpuUsage(genCpu0);
    const cpu = {
      apiMsPerRequest: Math.round(((cpuMsOf(api.pid) - apiCpu0) / BUYERS) * 1000) / 1000,
      loadGeneratorMsPerRequest: Math.round(((gen.user + gen.system) / 1000 / BUYERS) * 1000) / 1000,
      postgresMsPerRequest: Math.round((postgresCpuSince(pgCpu0, pgPort) / BUYERS) * 1000) / 1000,
    };
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
    `\n### flash sale run, ${date}\n\n\`${command}\` on ${result.cores} cores, ${BUYERS} concurrent buyers, ${STOCK} units, pool ${POOL}\n\n` +
      `| | orders/s | p50 ms | p99 ms | oversell |\n|---|---|---|---|---|\n` +
      `| ours (HTTP → api → order + stock slots committed) | ${o.ordersPerSecond} | ${o.p50Ms} | ${o.p99Ms} | ${o.oversell} |\n` +
      `| baseline (raw single-row \`UPDATE … stock > 0\`) | ${b.ordersPerSecond} | ${b.p50Ms} | ${b.p99Ms} | ${b.oversell} |\n\nratio ours/baseline: **${ratio}**; CPU per request: api ${cpu.apiMsPerRequest} ms, load generator ${cpu.loadGeneratorMsPerRequest} ms, PostgreSQL ${cpu.postgresMsPerRequest} ms\n`,
  );
}

(process.argv.includes('--serve') ? serve() : main().then(() => process.exit(0))).catch((e: unknown) => {
  console.error('[bench] failed:', e);
  process.exit(1);
});
