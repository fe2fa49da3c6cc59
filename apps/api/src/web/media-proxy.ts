import type { IncomingMessage, Server } from 'node:http';
import { request as httpRequest } from 'node:http';
import { connect, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { NextFunction, Request, Response } from 'express';

export const MEDIA_PROXY_PREFIX = '/media-io/';

function upstreamPath(url: string): string {
  return `/socket.io/${url.slice(MEDIA_PROXY_PREFIX.length)}`;
}

/**
 * Browsers reach the media server's signaling through the api's own origin (`/media-io/` →
 * media's `/socket.io/`), so one origin, one certificate and one port serve a phone on the LAN.
 * WebSocket upgrades are piped as raw TCP; socket.io's long-polling requests are proxied as HTTP.
 */
export function attachMediaProxy(
  server: Server,
  mediaInternalUrl: string,
): (req: Request, res: Response, next: NextFunction) => void {
  const target = new URL(mediaInternalUrl);
  const port = Number(target.port || 80);
  const host = target.hostname;

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!req.url?.startsWith(MEDIA_PROXY_PREFIX)) return;
    const upstream: Socket = connect(port, host, () => {
      let raw = `${req.method ?? 'GET'} ${upstreamPath(req.url ?? '')} HTTP/1.1\r\n`;
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        raw += `${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`;
      raw += `X-Forwarded-For: ${req.socket.remoteAddress ?? ''}\r\n\r\n`;
      upstream.write(raw);
      if (head.length) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.setNoDelay(true);
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
    socket.on('close', () => upstream.destroy());
  });

  return (req, res, next) => {
    if (!req.originalUrl.startsWith(MEDIA_PROXY_PREFIX)) return next();
    const headers = { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '' };
    const up = httpRequest(
      { host, port, method: req.method, path: upstreamPath(req.originalUrl), headers },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    up.on('error', () => {
      if (!res.headersSent)
        res.status(502).json({ code: 'MEDIA_UNAVAILABLE', message: 'The media server is not reachable.' });
      else res.destroy();
    });
    req.pipe(up);
  };
}
