import cluster, { type Worker } from 'node:cluster';
import type { AddressInfo } from 'node:net';

export interface ApiProcesses {
  /** the port every process listens on */
  port: number;
  /** process ids of the processes serving now */
  pids(): number[];
  /** ends every process (SIGTERM, then SIGKILL after `graceMs`) and resolves once all have exited */
  stop(graceMs?: number): Promise<void>;
}

/**
 * The primary of an api that runs as several processes on one machine (API_PROCESSES): each runs
 * `script` (by default the one running now, where `cluster.isPrimary` is then false, so it serves)
 * and listens on the same port; node:cluster hands each new connection to the next process in turn.
 * Every process is a whole api node, sharing nothing but PostgreSQL, object storage and, through the
 * Redis adapter, live-room events: the same as api nodes on separate machines.
 *
 * Resolves once all `count` processes listen. A process that ends before it listened fails the
 * start (and the others are stopped), so a broken configuration never loops; one that ends later is
 * replaced.
 */
export function startApiProcesses(
  count: number,
  opts: { script?: string; env?: NodeJS.ProcessEnv; log?: (line: string) => void } = {},
): Promise<ApiProcesses> {
  const log = opts.log ?? ((line: string) => console.log(line));
  if (opts.script) cluster.setupPrimary({ exec: opts.script });
  const serving = new Set<Worker>();
  let stopping = false;
  let started = false;
  let port = 0;

  const stop = async (graceMs = 10_000): Promise<void> => {
    stopping = true;
    const all = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
    await Promise.all(
      all.map(
        (w) =>
          new Promise<void>((done) => {
            const kill = setTimeout(() => w.process.kill('SIGKILL'), graceMs);
            w.once('exit', () => {
              clearTimeout(kill);
              done();
            });
            w.process.kill('SIGTERM');
          }),
      ),
    );
  };

  return new Promise<ApiProcesses>((resolve, reject) => {
    const fork = (): void => {
      const w = cluster.fork(opts.env);
      w.once('listening', (address: AddressInfo) => {
        port = address.port;
        serving.add(w);
        if (started || serving.size < count) return;
        started = true;
        resolve({ port, pids: () => [...serving].map((s) => s.process.pid ?? 0), stop });
      });
      w.once('exit', (code, signal) => {
        const listened = serving.delete(w);
        if (stopping) return;
        if (!listened) {
          void stop().then(() =>
            reject(new Error(`an api process ended (${signal ?? code}) before it listened`)),
          );
          return;
        }
        log(`[api] process ${w.process.pid} ended (${signal ?? code}); starting another`);
        fork();
      });
    };
    for (let i = 0; i < count; i++) fork();
  });
}
