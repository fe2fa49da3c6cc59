import NodeEnvironment from 'jest-environment-node';
import { PG_BUSY_WARNING, PG_GUARD_FINDINGS, PgGuardFindings, takePgGuardFailure } from './pg-guard';

/** What jest-circus hands `handleTestEvent`, as far as the guard reads it. */
interface CircusEvent {
  name: string;
}
interface CircusState {
  /** failures of the file as a whole; a failing afterAll hook lands here too */
  unhandledErrors: unknown[];
}

/**
 * The node environment, plus pg's own "client is already executing a query" warning collected as
 * a finding: a test's sandbox gets a copy of `process` whose events are its own, so the real
 * warning can only be heard from out here. `pg-guard.setup.ts` reports findings around each test;
 * what the file's afterAll hooks caused fails the file once they are done, as a failing afterAll
 * hook would, so the tests' own results still show.
 */
export default class PgGuardEnvironment extends NodeEnvironment {
  private readonly findings: PgGuardFindings = { overlaps: [], warnings: [] };
  private readonly onWarning = (warning: Error): void => {
    if (warning.name === 'DeprecationWarning' && warning.message.startsWith(PG_BUSY_WARNING))
      this.findings.warnings.push(warning.stack ?? warning.message);
  };

  constructor(...args: ConstructorParameters<typeof NodeEnvironment>) {
    super(...args);
    this.global[PG_GUARD_FINDINGS] = this.findings;
  }

  override async setup(): Promise<void> {
    await super.setup();
    process.on('warning', this.onWarning);
  }

  async handleTestEvent(event: CircusEvent, state: CircusState): Promise<void> {
    if (event.name !== 'run_finish') return;
    // pg's warning is emitted on the tick after the query that caused it
    await new Promise<void>((resolve) => setImmediate(resolve));
    const failure = takePgGuardFailure(this.findings, 'in afterAll, or after the last test');
    if (failure) state.unhandledErrors.push(failure);
  }

  override async teardown(): Promise<void> {
    process.off('warning', this.onWarning);
    await super.teardown();
    // sent by work still running once every hook was done: nothing else would report it
    const failure = takePgGuardFailure(this.findings, 'after the test file finished');
    if (failure) throw failure;
  }
}
