import { ExpressAdapter } from '@nestjs/platform-express';
import express from 'express';
import type { NextFunction, Request, Response, Router } from 'express';
import { writeJson } from './write-json';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options' | 'all';
type Handler = (req: Request, res: Response, next: NextFunction) => void;

/** A route's group: its first two path segments when both are plain words (`/api/orders/:id` → `api/orders`). */
function routeKey(path: unknown): string | undefined {
  if (typeof path !== 'string' || path[0] !== '/') return undefined;
  const [a, b = ''] = path.slice(1).split('/');
  const literal = /^[A-Za-z0-9._~-]*$/;
  return a && literal.test(a) && literal.test(b) ? `${a}/${b}`.toLowerCase() : undefined;
}

/** The group a request could match in (express matches paths case-insensitively, trailing slash allowed). */
function requestKey(path: string): string {
  const second = path.indexOf('/', 1);
  if (second < 0) return `${path.slice(1)}/`.toLowerCase();
  const third = path.indexOf('/', second + 1);
  return path.slice(1, third < 0 ? path.length : third).toLowerCase();
}

/**
 * Nest's express adapter with two costs of every request taken out (together a tenth of the api's
 * CPU under a flash sale):
 *
 * - Routing. Express tries every route of the app in turn, a hundred before the order routes. This
 *   adapter files the routes Nest registers by their first two path segments, each group in an
 *   express Router of its own behind one dispatching layer, so a request is tried only against its
 *   group. Order is kept: a dispatching layer holds a run of consecutive routes, a middleware
 *   registered in between starts a new one, and a route whose first segments are not plain words
 *   (a parameter, a pattern) goes straight onto the app, as before.
 * - Answering a write (POST, PUT, PATCH, DELETE) with JSON: written directly (`writeJson`), as
 *   `res.json` would. Anything else goes through `res.json`/`res.send` as before.
 */
export class ApiExpressAdapter extends ExpressAdapter {
  private groups: Map<string, Router> | undefined;
  private dispatcher: Handler | undefined;

  override get(...args: unknown[]): unknown {
    return this.route('get', args);
  }
  override post(...args: unknown[]): unknown {
    return this.route('post', args);
  }
  override put(...args: unknown[]): unknown {
    return this.route('put', args);
  }
  override patch(...args: unknown[]): unknown {
    return this.route('patch', args);
  }
  override delete(...args: unknown[]): unknown {
    return this.route('delete', args);
  }
  override head(...args: unknown[]): unknown {
    return this.route('head', args);
  }
  override options(...args: unknown[]): unknown {
    return this.route('options', args);
  }
  override all(...args: unknown[]): unknown {
    return this.route('all', args);
  }

  override reply(response: Response, body: unknown, statusCode?: number): unknown {
    const method = response.req.method;
    if (method !== 'GET' && method !== 'HEAD' && writeJson(response, statusCode ?? response.statusCode, body))
      return response;
    return super.reply(response, body, statusCode);
  }

  private route(method: Method, args: unknown[]): unknown {
    const app = this.getInstance<express.Express>();
    const key = args.length >= 2 ? routeKey(args[0]) : undefined;
    if (key === undefined) return (app[method] as (...a: unknown[]) => unknown).apply(app, args);
    const groups = this.currentGroups(app);
    let router = groups.get(key);
    if (!router) groups.set(key, (router = express.Router()));
    return (router[method] as (...a: unknown[]) => unknown).apply(router, args);
  }

  /** The dispatching layer at the end of the app's stack, or a new one when something came after it. */
  private currentGroups(app: express.Express): Map<string, Router> {
    const stack = (app as unknown as { router: { stack: { handle: unknown }[] } }).router.stack;
    if (this.groups && this.dispatcher && stack[stack.length - 1]?.handle === this.dispatcher)
      return this.groups;
    const groups = new Map<string, Router>();
    const dispatcher: Handler = function groupedRoutes(req, res, next) {
      const router = groups.get(requestKey(req.path));
      if (router) router(req, res, next);
      else next();
    };
    app.use(dispatcher);
    this.groups = groups;
    this.dispatcher = dispatcher;
    return groups;
  }
}
