export * from './data-source-options';
export * from './database.module';
export * from './domain-event-bus';
export * from './unit-of-work';
export * from './migrate';
export * from './snake-naming.strategy';
export * from './database-url';
export * from './batcher';
