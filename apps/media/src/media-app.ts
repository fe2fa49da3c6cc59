import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MediaAppConfig } from '@app/config';
import { MediaModule } from './media.module';
import { MediaLimits } from './sfu/media-limits';

export interface MediaAppOptions {
  limits?: Partial<MediaLimits>;
  logger?: LogLevel[] | false;
}

/** Builds the media app (used by main.ts and by tests); the caller listens. */
export async function createMediaApp(
  config: MediaAppConfig,
  options: MediaAppOptions = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(MediaModule.forRoot(config, options.limits), {
    logger: options.logger ?? ['log', 'warn', 'error'],
  });
  // SIGINT/SIGTERM → onApplicationShutdown → rooms closed, workers closed and their processes gone
  app.enableShutdownHooks();
  return app;
}
