/**
 * Fan-out benchmark: one VP8 publisher (ffmpeg testsrc, 640x360, 800 kbit/s, key frame every
 * second) and N WebRTC receivers (werift) on 127.0.0.1, through our full path and through a bare
 * mediasoup script, side by side in the same run (see fanout-sides.ts). N steps up; a step holds
 * when the receivers lose under 1 % of packets over a measuring window and none is silent. The
 * receivers (and, for our side, their socket.io signaling clients) run in worker threads, one per
 * core (fanout-farm.ts), so the media app under test never shares an event loop with them; time to
 * first frame counts only the viewers of steps that held.
 * Prints and writes bench/results/fanout.json, appends a section to docs/BENCHMARKS.md.
 *
 *   npm run bench:fanout          (BENCH_STEPS=25,50,100 to shorten; MEDIASOUP_WORKER_BIN as for tests)
 */
import { readFileSync, appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { Farm, ViewerCounts } from './fanout-farm';
import { Side, startBaseline, startOurs } from './fanout-sides';

const STEPS = (process.env.BENCH_STEPS ?? '25,50,100,150,200,250,300').split(',').map(Number);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 5000);
const LOSS_LIMIT = 0.01;
/** receivers run in this many worker threads (default: one per core) */
const FARM_THREADS = Number(process.env.BENCH_FARM_THREADS ?? cpus().length);
/** each side gets this long for its steps; the whole bench stays under ~8 minutes */
const SIDE_BUDGET_MS = 200_000;
const HARD_LIMIT_MS = 8 * 60_000;
const root = resolve(__dirname, '..', '..');
process.env.MEDIASOUP_WORKER_BIN ??= join(root, '.cache/mediasoup-worker/3.12.16/mediasoup-worker');

interface Step {
  consumers: number;
  lossPct: number;
  silent: number;
  workerCpuPct: number;
  kbpsPerConsumer: number;
  holds: boolean;
}

interface SideResult {
  capacity: number;
  steps: Step[];
  ttffP50Ms: number;
  ttffP95Ms: number;
  cpuPerConsumerPct: number;
}

const CLK_TCK = 100;
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[11] = utime, fields[12] = stime (14th and 15th of the full line)
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], p: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function addViewers(side: Side, farm: Farm, have: { joined: number; failed: number }, target: number) {
  while (have.joined + have.failed < target) {
    const batch = Math.min(10, target - have.joined - have.failed);
    const results = await Promise.allSettled(Array.from({ length: batch }, () => side.addViewer(farm)));
    for (const r of results) {
      if (r.status === 'fulfilled') have.joined++;
      else {
        have.failed++;
        console.error(`  ${side.name}: a viewer failed to join: ${String(r.reason)}`);
      }
    }
  }
}

async function measure(farm: Farm, workerPid: number, failed: number): Promise<Step> {
  // every receiver gets its first key frame (ffmpeg sends one a second) before the window opens
  const deadline = Date.now() + 15_000;
  let before = await farm.counts();
  while (Date.now() < deadline && before.some((c) => !c.firstKeyFrameAt)) {
    await sleep(100);
    before = await farm.counts();
  }
  const cpu0 = cpuSeconds(workerPid);
  const t0 = Date.now();
  await sleep(WINDOW_MS);
  const after = await farm.counts();
  const elapsed = (Date.now() - t0) / 1000;
  const cpu1 = cpuSeconds(workerPid);
  let received = 0;
  let expected = 0;
  let silent = failed;
  // the farm lists its viewers in the same order every time, and none joins during the window
  after.forEach((now, i) => {
    const then = before[i] ?? { received: 0, expected: 0 };
    const r = now.received - then.received;
    received += r;
    expected += Math.max(r, now.expected - then.expected);
    if (r === 0) silent++;
  });
  const lossPct = expected === 0 ? 100 : ((expected - received) / expected) * 100;
  return {
    consumers: after.length + failed,
    lossPct: round(lossPct, 3),
    silent,
    workerCpuPct: round(((cpu1 - cpu0) / elapsed) * 100, 1),
    // ~1200-byte packets: an estimate of the media each receiver got
    kbpsPerConsumer: round((received * 1200 * 8) / 1000 / elapsed / Math.max(1, after.length), 0),
    holds: silent === 0 && lossPct < LOSS_LIMIT * 100,
  };
}

async function runSide(start: () => Promise<Side>): Promise<SideResult> {
  const side = await start();
  const farm = new Farm(FARM_THREADS);
  const steps: Step[] = [];
  const began = Date.now();
  /** viewers that joined from this time on belong to a step that did not hold */
  let failingStepFrom = Infinity;
  let final: ViewerCounts[] = [];
  try {
    const have = { joined: 0, failed: 0 };
    for (const n of STEPS) {
      if (Date.now() - began > SIDE_BUDGET_MS) {
        console.log(`  ${side.name}: time budget spent before step ${n}`);
        break;
      }
      const stepFrom = Date.now();
      await addViewers(side, farm, have, n);
      const step = await measure(farm, side.workerPid, have.failed);
      steps.push(step);
      console.log(
        `  ${side.name} N=${step.consumers}: loss ${step.lossPct} %, silent ${step.silent}, ` +
          `worker CPU ${step.workerCpuPct} %, ~${step.kbpsPerConsumer} kbit/s each → ${step.holds ? 'holds' : 'FAILS'}`,
      );
      if (!step.holds) {
        failingStepFrom = stepFrom;
        break;
      }
    }
    final = await farm.counts();
  } finally {
    await farm.close();
    await side.stop();
  }
  // time to first frame of the viewers of the steps that held (an overloaded step says nothing of joins)
  const ttff = final
    .filter((c) => c.firstKeyFrameAt && c.joinedAt < failingStepFrom)
    .map((c) => c.firstKeyFrameAt - c.joinedAt)
    .sort((a, b) => a - b);
  const held = steps.filter((s) => s.holds);
  const top = held[held.length - 1];
  return {
    capacity: top?.consumers ?? 0,
    steps,
    ttffP50Ms: pct(ttff, 50),
    ttffP95Ms: pct(ttff, 95),
    cpuPerConsumerPct: top ? round(top.workerCpuPct / top.consumers, 3) : NaN,
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

async function main(): Promise<void> {
  const hardStop = setTimeout(() => {
    console.error(`bench:fanout exceeded ${HARD_LIMIT_MS / 60_000} min; stopping`);
    process.exit(1);
  }, HARD_LIMIT_MS);
  hardStop.unref();
  const date = new Date().toISOString();
  console.log(`fan-out bench on ${cpus().length} cores, steps ${STEPS.join(', ')}, window ${WINDOW_MS} ms`);
  console.log('ours (signed room tokens → socket.io → media app rooms → paused consumers resumed on ack):');
  const ours = await runSide(() => startOurs(31_000));
  console.log('baseline (bare mediasoup: router, PlainTransport producer, WebRtcTransport + consumer each):');
  const baseline = await runSide(() => startBaseline(31_500));
  const ratio = baseline.capacity > 0 ? round(ours.capacity / baseline.capacity, 2) : NaN;
  const ceiling = ours.capacity === STEPS[STEPS.length - 1] && baseline.capacity === ours.capacity;

  const result = {
    date,
    command: 'npm run bench:fanout',
    cores: cpus().length,
    steps: STEPS,
    windowMs: WINDOW_MS,
    lossLimitPct: LOSS_LIMIT * 100,
    ours,
    baseline,
    ratio,
    consumersPerWorker: ours.capacity,
    /** both sides held the largest step: the receivers' machine, not the SFU, set the limit */
    limitedByBench: ceiling,
    ttffP50Ms: ours.ttffP50Ms,
    ttffP95Ms: ours.ttffP95Ms,
    cpuPerConsumerPct: ours.cpuPerConsumerPct,
  };
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/fanout.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify({ ratio, consumersPerWorker: ours.capacity, limitedByBench: ceiling }));

  const row = (name: string, s: SideResult): string =>
    `| ${name} | ${s.capacity} | ${s.cpuPerConsumerPct} | ${s.ttffP50Ms} | ${s.ttffP95Ms} | ${s.steps.map((x) => `${x.consumers}: ${x.lossPct} % / ${x.workerCpuPct} %`).join('; ')} |`;
  appendFileSync(
    join(root, 'docs/BENCHMARKS.md'),
    [
      '',
      `### fan-out run, ${date}`,
      '',
      `\`npm run bench:fanout\` on ${cpus().length} cores, steps ${STEPS.join('/')}, ${WINDOW_MS / 1000} s window, loss limit ${LOSS_LIMIT * 100} %`,
      '',
      '| side | consumers held (1 worker) | worker CPU % per consumer | TTFF p50 ms | TTFF p95 ms | per step: loss / worker CPU |',
      '| --- | --- | --- | --- | --- | --- |',
      row('ours (tokens → socket.io → rooms → ack/resume)', ours),
      row('baseline (bare mediasoup)', baseline),
      '',
      `ratio ours/baseline: **${ratio}**${ceiling ? ' (both held the largest step: the bench machine is the limit, not the SFU)' : ''}`,
      '',
    ].join('\n'),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
