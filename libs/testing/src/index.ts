export * from './test-database';
export * from './test-app';
export * from './browser';
export * from './media-peers';
export * from './werift-receiver';
export * from './free-port';
