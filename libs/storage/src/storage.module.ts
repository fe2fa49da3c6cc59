import { DynamicModule, Global, Module } from '@nestjs/common';
import { StorageConfig } from '@app/config';
import { ObjectStorage, S3ObjectStorage } from './object-storage';

@Global()
@Module({})
export class StorageModule {
  static forRoot(cfg: StorageConfig): DynamicModule {
    return {
      module: StorageModule,
      providers: [
        {
          provide: ObjectStorage,
          useFactory: async () => {
            const storage = new S3ObjectStorage(cfg);
            await storage.ensureBucket();
            return storage;
          },
        },
      ],
      exports: [ObjectStorage],
    };
  }
}
