import { join } from 'node:path';
import { startApiProcesses, type ApiProcesses } from './api-processes';

const script = join(__dirname, '..', 'test', 'fixtures', 'pid-server.cjs');

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function answeringPids(port: number, requests: number): Promise<Set<number>> {
  const pids = new Set<number>();
  for (let i = 0; i < requests; i++) {
    const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { Connection: 'close' } });
    pids.add(Number(await res.text()));
  }
  return pids;
}

describe('api processes on one port (API_PROCESSES)', () => {
  let api: ApiProcesses | undefined;
  afterEach(async () => {
    await api?.stop(2000);
    api = undefined;
  });

  it('starts them all on one port, spreads connections over them, and replaces one that dies', async () => {
    const lines: string[] = [];
    api = await startApiProcesses(2, { script, log: (l) => lines.push(l) });
    const started = api.pids();
    expect(started).toHaveLength(2);
    expect(await answeringPids(api.port, 6)).toEqual(new Set(started));

    process.kill(started[0], 'SIGKILL');
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && (api.pids().includes(started[0]) || api.pids().length < 2))
      await new Promise((r) => setTimeout(r, 50));
    const now = api.pids();
    expect(now).toHaveLength(2);
    expect(now).not.toContain(started[0]);
    expect(now).toContain(started[1]);
    expect(lines.join('\n')).toContain(`process ${started[0]} ended (SIGKILL); starting another`);
    expect(await answeringPids(api.port, 6)).toEqual(new Set(now));

    await api.stop(2000);
    expect(now.filter(alive)).toEqual([]);
    api = undefined;
  });

  it('fails the start, leaving nothing running, when a process ends before it listens', async () => {
    const started = startApiProcesses(2, { script, env: { FAIL_BEFORE_LISTEN: '1' } });
    try {
      await expect(started).rejects.toThrow(/ended \(3\) before it listened/);
    } finally {
      await started.then((a) => a.stop(2000)).catch(() => undefined); // never leave processes behind
    }
  });
});
