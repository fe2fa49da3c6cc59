import { DomainError, LiveSessionStatuses } from '@app/contracts';
import { assertTransition, canTransition } from './live-session.state';

describe('live session state machine', () => {
  it('allows scheduled → live → ended and scheduled → cancelled only', () => {
    const allowed: string[] = [];
    for (const from of LiveSessionStatuses)
      for (const to of LiveSessionStatuses) if (canTransition(from, to)) allowed.push(`${from}>${to}`);
    expect(allowed.sort()).toEqual(['live>ended', 'scheduled>cancelled', 'scheduled>live']);
  });

  it('refuses with SESSION_STATE_INVALID', () => {
    expect(() => assertTransition('ended', 'live')).toThrow(DomainError);
    try {
      assertTransition('cancelled', 'live');
    } catch (e) {
      expect((e as DomainError).code).toBe('SESSION_STATE_INVALID');
    }
  });
});
