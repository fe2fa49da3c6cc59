import 'reflect-metadata';
import { ConfigError, loadMediaConfig, MediaAppConfig } from '@app/config';
import { createMediaApp } from './media-app';

function loadConfig(): MediaAppConfig {
  try {
    return loadMediaConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await createMediaApp(config);
  await app.listen(config.media.port, config.media.host);
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
