import { DynamicModule, Global, Module } from '@nestjs/common';
import { StorageConfig } from '@app/config';
import { ObjectStorage, S3ObjectStorage } from './object-storage';

export const STORAGE_CONFIG = Symbol('STORAGE_CONFIG');

@Global()
@Module({})
export class StorageModule {
  static forRoot(cfg: StorageConfig): DynamicModule {
    return {
      module: StorageModule,
      providers: [
        { provide: STORAGE_CONFIG, useValue: cfg },
        {
          provide: ObjectStorage,
          useFactory: async () => {
            const storage = new S3ObjectStorage(cfg);
            await storage.ensureBucket();
            return storage;
          },
        },
      ],
      exports: [ObjectStorage, STORAGE_CONFIG],
    };
  }
}
