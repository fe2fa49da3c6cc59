import { DynamicModule, Global, Module } from '@nestjs/common';
import { ApiConfig, MediaAppConfig } from './config';

export const API_CONFIG = Symbol('API_CONFIG');
export const MEDIA_CONFIG = Symbol('MEDIA_CONFIG');

/** Configuration is loaded (and validated) once by main.ts and handed in here. */
@Global()
@Module({})
export class ConfigModule {
  static forApi(config: ApiConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: API_CONFIG, useValue: config }],
      exports: [API_CONFIG],
    };
  }

  static forMedia(config: MediaAppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: MEDIA_CONFIG, useValue: config }],
      exports: [MEDIA_CONFIG],
    };
  }
}
