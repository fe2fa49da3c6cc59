import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';

type RedisClient = ReturnType<typeof createClient>;

/**
 * socket.io for the api. With REDIS_URL, events emitted on one api node reach sockets on every
 * node (the Redis adapter); without it, one node serves everyone. Upgrades it does not own (the
 * `/media-io` proxy) are left alone rather than destroyed.
 */
export class ApiIoAdapter extends IoAdapter {
  private readonly logger = new Logger(ApiIoAdapter.name);
  private adapterFactory: ReturnType<typeof createAdapter> | undefined;
  private clients: RedisClient[] = [];

  /**
   * `websocketOnly`: when the api runs as several processes on one port (API_PROCESSES), the
   * long-polling transport would need every request of a session to reach the same process.
   */
  constructor(
    app: INestApplicationContext,
    private readonly websocketOnly = false,
  ) {
    super(app);
  }

  async connectRedis(url: string): Promise<void> {
    const pub = createClient({ url });
    const sub = pub.duplicate();
    for (const c of [pub, sub]) c.on('error', (e: unknown) => this.logger.warn(`redis: ${String(e)}`));
    await Promise.all([pub.connect(), sub.connect()]);
    this.clients = [pub, sub];
    this.adapterFactory = createAdapter(pub, sub);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      ...(this.websocketOnly ? { transports: ['websocket'] } : {}),
      destroyUpgrade: false,
    } as ServerOptions) as Server;
    if (this.adapterFactory) server.adapter(this.adapterFactory);
    return server;
  }

  override async dispose(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.quit().catch(() => undefined)));
    this.clients = [];
  }
}
