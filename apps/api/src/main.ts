import 'reflect-metadata';
import cluster from 'node:cluster';
import { ApiConfig, ConfigError, loadApiConfig } from '@app/config';
import { startApiProcesses } from './api-processes';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  let cfg: ApiConfig;
  try {
    cfg = loadApiConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`[api] refusing to start. ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  const { host, port, processes } = cfg.http;
  if (processes > 1 && cluster.isPrimary) {
    const api = await startApiProcesses(processes);
    console.log(`[api] ${processes} processes listening on http://${host}:${api.port}`);
    for (const signal of ['SIGTERM', 'SIGINT'] as const)
      process.once(signal, () => void api.stop().then(() => process.exit(0)));
    return;
  }
  const app = await createApiApp(cfg);
  await app.listen(port, host);
  if (cluster.isPrimary) console.log(`[api] listening on http://${host}:${port}`);
}

void main().catch((e: unknown) => {
  console.error('[api] failed to start:', e);
  process.exit(1);
});
