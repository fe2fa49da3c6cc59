import type { LiveSessionStateResponse, LiveSessionStatus } from '@app/contracts';
import { SessionPhase, SessionWatch } from './session-watch';

const state = (status: LiveSessionStatus): LiveSessionStateResponse => ({
  status,
  startedAt: status === 'scheduled' ? null : '2030-01-01T00:00:00.000Z',
  endedAt: null,
});

/** A reader whose answers the test hands out one by one. */
function answers(): {
  read: () => Promise<LiveSessionStateResponse>;
  asked: number;
  answer(s: LiveSessionStateResponse | Error): void;
} {
  const pending: Array<(s: LiveSessionStateResponse | Error) => void> = [];
  const r = {
    asked: 0,
    read: () =>
      new Promise<LiveSessionStateResponse>((resolve, reject) => {
        r.asked++;
        pending.push((s) => (s instanceof Error ? reject(s) : resolve(s)));
      }),
    answer: (s: LiveSessionStateResponse | Error) => pending.shift()!(s),
  };
  return r;
}

const logger = { log: jest.fn(), warn: jest.fn(), error: jest.fn() };

function watch(read: () => Promise<LiveSessionStateResponse>): { w: SessionWatch; phases: SessionPhase[] } {
  const phases: SessionPhase[] = [];
  const w = new SessionWatch({
    read,
    intervalMs: 1000,
    onPhase: (p) => phases.push(p),
    logger,
    label: 'room r',
  });
  return { w, phases };
}

describe('SessionWatch', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.clearAllMocks();
  });
  afterEach(() => jest.useRealTimers());

  it('asks at once, then every interval until the session is over; phases only move forward', async () => {
    const api = answers();
    const { w, phases } = watch(api.read);
    w.start();
    expect(api.asked).toBe(1);
    api.answer(state('scheduled'));
    await jest.advanceTimersByTimeAsync(1000);
    expect(api.asked).toBe(2);
    api.answer(state('live'));
    await jest.advanceTimersByTimeAsync(1000);
    // an answer that left the api before it went live cannot take the session back
    api.answer(state('scheduled'));
    await jest.advanceTimersByTimeAsync(1000);
    api.answer(state('ended'));
    await jest.advanceTimersByTimeAsync(5000);
    expect(phases).toEqual(['before', 'live', 'over']);
    expect(w.phase).toBe('over');
    expect(api.asked).toBe(4); // over: no more questions
    w.close();
  });

  it('a check while a question is out asks again once it is answered (the answer may predate the change)', async () => {
    const api = answers();
    const { w, phases } = watch(api.read);
    w.start();
    w.check();
    w.check();
    expect(api.asked).toBe(1);
    api.answer(state('scheduled'));
    await jest.advanceTimersByTimeAsync(0);
    expect(api.asked).toBe(2);
    api.answer(state('live'));
    await jest.advanceTimersByTimeAsync(0);
    expect(phases).toEqual(['before', 'live']);
    w.close();
  });

  it('keeps asking through api failures, logs the outage once, and stops for good when closed', async () => {
    const api = answers();
    const { w, phases } = watch(api.read);
    w.start();
    for (let i = 0; i < 3; i++) {
      api.answer(new Error('ECONNREFUSED'));
      await jest.advanceTimersByTimeAsync(1000);
    }
    expect(api.asked).toBe(4);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    api.answer(state('live'));
    await jest.advanceTimersByTimeAsync(0);
    expect(phases).toEqual(['live']);
    expect(logger.log).toHaveBeenCalledTimes(1);

    // live: it still asks (for the end), until closed
    await jest.advanceTimersByTimeAsync(1000);
    expect(api.asked).toBe(5);
    w.close();
    w.check();
    api.answer(state('ended')); // the question that was out when it closed
    await jest.advanceTimersByTimeAsync(5000);
    expect(phases).toEqual(['live']);
    expect(api.asked).toBe(5);
  });
});
