import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Actor } from '@app/identity';
import { fromBodyParserError } from '../errors/body-parser-errors';
import { sendError } from '../errors/http-error.filter';
import type { FastParsed } from '../errors/validation';
import { readSmallJson } from './small-json-body';
import { sendJson } from './write-json';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** A POST route the fast lane answers: one that needs a signed-in user and nothing more. */
export interface FastRoute<Dto> {
  /** literal segments and at most one `:param`, which only a UUID fills (`/api/flash-sales/:id/orders`) */
  path: string;
  /** the route's body DTO, with the same `fastParse` the validation pipe uses */
  body: FastParsed<Dto>;
  /** what the Nest route answers on success */
  status: number;
  /** the Nest route's handler: the same service call with the same arguments */
  run(actor: Actor, body: Dto, request: { param: string; headers: IncomingHttpHeaders }): Promise<unknown>;
}

export interface FastLaneOptions {
  verifyAccess(token: string): Actor;
  /** the largest body taken (`smallBodyLimit`) */
  maxBody: number;
  /** CORS is on (CORS_ORIGINS): cross-origin requests go to Express, which adds its headers */
  cors: boolean;
}

/** What `ParseUUIDPipe` accepts, in its canonical form; anything else is left to the pipe. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * The fast lane: the routes that take bursts (thousands of buyers tapping "buy" in the same second
 * of a flash sale) answered straight off node:http, ahead of Express and Nest's per-request pipeline
 * (middleware stack, router, guard, pipes, filter), which cost half of the api's CPU for an order
 * (measured by bench:flashsale; see docs/BENCHMARKS.md).
 *
 * It answers only what it can answer exactly as the Nest route would, using the same parts: the
 * token checked by the guard's TokenService, the body read as `smallJsonBody` reads it, the DTO's
 * `fastParse`, the same service call, and every error written in the one error shape. Anything else
 * goes to Express untouched: another method or path (a query string, a trailing slash, other
 * letter case), a cross-origin request when CORS is on, a body that is not small plain JSON, a
 * missing or refused token (the guard words
 * that refusal), or a body the lane has read but `fastParse` does not accept, which goes on parsed
 * so class-validator words the refusal. The Nest routes stay: they are the API's documentation and
 * serve everything the lane passes on.
 */
/** A route of a body type, in the lane's list of routes of any body type. */
export const fastRoute = <Dto>(route: FastRoute<Dto>): FastRoute<unknown> => route as FastRoute<unknown>;

export function fastLane(routes: FastRoute<unknown>[], opts: FastLaneOptions, next: Listener): Listener {
  const table = routes.map((r) => ({ route: r, segments: r.path.split('/') }));
  const match = (url: string): { route: FastRoute<unknown>; param: string } | undefined => {
    const parts = url.split('/');
    for (const { route, segments } of table) {
      if (segments.length !== parts.length) continue;
      let param = '';
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        if (segments[i][0] === ':') ok = UUID.test((param = parts[i]));
        else ok = segments[i] === parts[i];
      }
      if (ok) return { route, param };
    }
    return undefined;
  };

  return (req, res) => {
    const url = req.url ?? '';
    const crossOrigin = opts.cors && req.headers.origin !== undefined;
    const found = req.method === 'POST' && !crossOrigin && !url.includes('?') ? match(url) : undefined;
    const actor = found && actorOf(req, opts);
    if (!found || !actor) return next(req, res);
    const { route, param } = found;
    const reading = readSmallJson(req, opts.maxBody, (error, value) => {
      if (error) return sendError(res, fromBodyParserError(error));
      const body = route.body.fastParse(value);
      if (body === undefined) {
        // read, not accepted: Express's body parsers see a finished request and keep this body
        (req as IncomingMessage & { body?: unknown }).body = value;
        return next(req, res);
      }
      route
        .run(actor, body, { param, headers: req.headers })
        .then((result) => sendJson(res, route.status, result))
        .catch((e: unknown) => {
          // an answer that failed half-written cannot be answered again: the client sees it cut
          if (res.headersSent) res.destroy();
          else sendError(res, e);
        });
    });
    if (!reading) next(req, res);
  };
}

function actorOf(req: IncomingMessage, opts: FastLaneOptions): Actor | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return undefined;
  try {
    return opts.verifyAccess(header.slice(7).trim());
  } catch {
    return undefined;
  }
}
