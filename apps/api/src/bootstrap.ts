import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Server } from 'node:http';
import { OrderPlacementService, PAYMENT_WEBHOOK_PATH } from '@app/commerce';
import { ApiConfig } from '@app/config';
import { TokenService } from '@app/identity';
import { createS3Proxy, MAX_UPLOAD_BYTES, s3ProxyPath } from '@app/storage';
import { AppModule } from './app.module';
import { HttpErrorFilter } from './errors/http-error.filter';
import { translateBodyParserErrors } from './errors/body-parser-errors';
import { ApiExpressAdapter } from './web/api-express.adapter';
import { attachMediaProxy } from './web/media-proxy';
import { fastLane } from './web/fast-lane';
import { orderFastRoutes } from './web/order-fast-routes';
import { smallBodyLimit, smallJsonBody } from './web/small-json-body';
import { ApiIoAdapter } from './live-room/api-io.adapter';

/**
 * Builds the api exactly as production runs it; tests call this too, so they drive the same body
 * limits, filters and routes.
 */
export async function createApiApp(cfg: ApiConfig, opts: { logger?: false } = {}): Promise<INestApplication> {
  const { tlsCertFile, tlsKeyFile } = cfg.http;
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(cfg),
    new ApiExpressAdapter(),
    {
      bodyParser: false,
      httpsOptions:
        tlsCertFile && tlsKeyFile
          ? { cert: readFileSync(tlsCertFile), key: readFileSync(tlsKeyFile) }
          : undefined,
      logger: opts.logger ?? ['error', 'warn'],
    },
  );
  installFastLane(app, cfg);
  if (cfg.http.trustProxy) app.set('trust proxy', true);
  app.disable('x-powered-by');
  // proxies stream bodies untouched, so they go before the body parsers
  app.use(attachMediaProxy(app.getHttpServer(), cfg.mediaInternalUrl));
  // object storage on this origin when S3_PUBLIC_URL is a path (the embedded default: `/s3`)
  const s3Path = s3ProxyPath(cfg.storage);
  if (s3Path) app.use(s3Path, createS3Proxy(cfg.storage, { maxPutBytes: MAX_UPLOAD_BYTES }));
  // payment webhooks are verified over their exact bytes: kept raw, the JSON parser then skips them
  app.use(PAYMENT_WEBHOOK_PATH, express.raw({ type: () => true, limit: '64kb' }));
  app.use(smallJsonBody(cfg.http.bodyLimit));
  app.use(express.json({ limit: cfg.http.bodyLimit, strict: true }));
  app.use(express.urlencoded({ extended: false, limit: cfg.http.bodyLimit }));
  app.use(translateBodyParserErrors);
  if (cfg.http.corsOrigins.length) app.enableCors({ origin: cfg.http.corsOrigins, credentials: true });
  app.setGlobalPrefix('api', { exclude: ['health'] });
  // Body-parser errors happen before Nest's routing; the same filter shapes them.
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();
  const io = new ApiIoAdapter(app, cfg.http.processes > 1);
  if (cfg.redis.url) await io.connectRedis(cfg.redis.url);
  app.useWebSocketAdapter(io);

  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('Anchor Academy API').setVersion('0.1.0').addBearerAuth().build(),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs.json' });

  serveWebClient(app, cfg);
  return app;
}

/** Order placement answered ahead of Express (see fast-lane.ts); the rest of the api goes on to it. */
function installFastLane(app: NestExpressApplication, cfg: ApiConfig): void {
  const server = app.getHttpServer() as Server;
  const listeners = server.listeners('request');
  if (listeners.length !== 1)
    throw new Error(`expected Express alone on the HTTP server, found ${listeners.length}`);
  const express = listeners[0] as Parameters<typeof fastLane>[2];
  const tokens = app.get(TokenService);
  server.removeListener('request', express);
  server.on(
    'request',
    fastLane(
      orderFastRoutes(app.get(OrderPlacementService)),
      {
        verifyAccess: (token) => tokens.verifyAccess(token),
        maxBody: smallBodyLimit(cfg.http.bodyLimit),
        cors: cfg.http.corsOrigins.length > 0,
      },
      express,
    ),
  );
}

/** The built web client is served from the api's own origin, with SPA fallback. */
function serveWebClient(app: NestExpressApplication, cfg: ApiConfig): void {
  const dir = resolve(cfg.http.webDistDir);
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return;
  const files = express.static(dir, {
    index: false,
    maxAge: '1h',
    setHeaders: (res, path) => path.endsWith('.html') && res.setHeader('Cache-Control', 'no-cache'),
  });
  // the api's own paths are never files: no disk lookup for them (it was one per GET /api/...)
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) =>
    req.path.startsWith('/api/') ? next() : files(req, res, next),
  );
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (
      req.method !== 'GET' ||
      req.path.startsWith('/api') ||
      req.path.startsWith('/health') ||
      req.path.startsWith('/s3') ||
      req.path.startsWith('/socket.io') ||
      req.path.startsWith('/media-io')
    ) {
      return next();
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
