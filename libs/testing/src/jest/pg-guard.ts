/**
 * Shared by the pg guard's test environment (outside the test's sandbox) and its setup file
 * (inside it): where findings are kept, and how a failure reads.
 */

/** The start of pg's warning for a query sent while its client still runs another one. */
export const PG_BUSY_WARNING = 'Calling client.query() when the client is already executing a query';

/** Sandbox global holding the stacks found and not yet reported. */
export const PG_GUARD_FINDINGS = '__pgGuardFindings';

export interface PgGuardFindings {
  /** every query sent while its client was busy, seen by the setup file as it was sent */
  overlaps: string[];
  /** pg's own warnings (it warns from the third query in line, once per pg instance) */
  warnings: string[];
}

/** Takes the findings not yet reported; an Error to throw when there are any. */
export function takePgGuardFailure(findings: PgGuardFindings, when: string): Error | null {
  const overlaps = findings.overlaps.splice(0);
  const warnings = findings.warnings.splice(0);
  // a warning repeats an overlap already caught with its caller's stack, unless pg was loaded
  // where the setup file could not wrap it
  const stacks = overlaps.length ? overlaps : warnings;
  if (!stacks.length) return null;
  const unique = [...new Set(stacks)];
  const message = [
    `pg: ${stacks.length} quer${stacks.length === 1 ? 'y was' : 'ies were'} sent ${when} on a client ` +
      'still running another one. A connection runs one query at a time, so nothing is gained; pg ' +
      'deprecates it and pg@9 refuses it. Await the queries one after another (a transaction’s ' +
      'EntityManager is one connection: see mapInSequence in @app/database) or use a Pool.',
    ...unique.slice(0, 5),
    ...(unique.length > 5 ? [`… and ${unique.length - 5} more`] : []),
  ].join('\n\n');
  const error = new Error(message);
  // the stacks above are the ones that matter, not where this check ran
  error.stack = message;
  return error;
}
