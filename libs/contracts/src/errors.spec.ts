import { DomainError } from './errors';

describe('DomainError', () => {
  it('captures no stack for a refusal, keeps one for a fault, and leaves the stack limit as it was', () => {
    const before = Error.stackTraceLimit;
    const refusal = new DomainError('OUT_OF_STOCK', 'Sold out.');
    expect(refusal.stack).toBe('DomainError: Sold out.');
    expect(refusal.toBody()).toEqual({ code: 'OUT_OF_STOCK', message: 'Sold out.' });
    const fault = new DomainError('STORAGE_UNAVAILABLE', 'Storage is down.');
    expect(fault.stack).toContain('errors.spec.ts');
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error('plain').stack).toContain('errors.spec.ts');
  });
});
