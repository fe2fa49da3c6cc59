export * from './env';
export * from './config';
export * from './config.module';
