import { Client } from 'pg';
import { PG_GUARD_FINDINGS, PgGuardFindings, takePgGuardFailure } from './pg-guard';

/**
 * Fails a test that sent a query on a pg client still running another one: a TypeORM transaction's
 * EntityManager used from concurrent `Promise.all` branches, or one `pg.Client` queried by
 * concurrent callers. pg itself warns only from the third query in line (its queue already holding
 * one), so every client's `query` is wrapped here to catch the second one too, as it is sent, with
 * its caller's stack. pg's warning is collected by `pg-guard.environment.ts`.
 */

interface ClientInternals {
  _activeQuery?: unknown;
  _queryQueue?: unknown;
  pipeline?: boolean;
}

const findings = (globalThis as Record<string, unknown>)[PG_GUARD_FINDINGS] as PgGuardFindings | undefined;
if (!findings)
  throw new Error('pg guard: run with testEnvironment libs/testing/src/jest/pg-guard.environment.ts');

// the wrapper reads pg's private queue; when pg changes it, say so rather than silently pass
const probe = new Client() as unknown as ClientInternals;
if (!('_activeQuery' in probe) || !Array.isArray(probe._queryQueue))
  throw new Error('pg guard: this pg has no Client._activeQuery/_queryQueue; update the guard');

type Query = (this: Client, ...args: unknown[]) => unknown;
const proto = Client.prototype as unknown as { query: Query };
const query = proto.query;
proto.query = function guardedQuery(this: Client, ...args: unknown[]): unknown {
  const c = this as unknown as ClientInternals;
  const queued = Array.isArray(c._queryQueue) ? c._queryQueue.length : 0;
  if (!c.pipeline && (c._activeQuery || queued > 0)) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 30;
    const site = new Error('query sent while the client was busy');
    Error.captureStackTrace(site, guardedQuery);
    Error.stackTraceLimit = limit;
    findings.overlaps.push(site.stack ?? site.message);
  }
  return query.apply(this, args);
};

function report(when: string): void {
  const failure = takePgGuardFailure(findings!, when);
  if (failure) throw failure;
}

// what the file's afterAll hooks cause is reported by the environment once they are done
beforeEach(() => report('before this test (in beforeAll, or by work left running)'));
afterEach(() => report('during this test (or by work it left running)'));
