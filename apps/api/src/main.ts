import 'reflect-metadata';
import { ConfigError, loadApiConfig } from '@app/config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  let cfg;
  try {
    cfg = loadApiConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`[api] refusing to start. ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  const app = await createApiApp(cfg);
  await app.listen(cfg.http.port, cfg.http.host);
  console.log(`[api] listening on http://${cfg.http.host}:${cfg.http.port}`);
}

void main().catch((e: unknown) => {
  console.error('[api] failed to start:', e);
  process.exit(1);
});
