export * from './errors';
export * from './identity';
export * from './storage';
export * from './health';
export * from './media-signaling';
export * from './live';
