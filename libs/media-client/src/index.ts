export * from './backoff';
export * from './layer-policy';
export * from './session-events';
export { MediaSession } from './media-session';
export type { FreshToken, MediaSessionOptions, PublishRequest, SessionState } from './media-session';
export type { PublishOptions } from './media-connection';
export { TypedEmitter } from './typed-emitter';
