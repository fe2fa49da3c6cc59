export * from './learning.module';
export * from './learning.events';
export * from './certificate/certificate-issuer';
export * from './progress/progress.service';
