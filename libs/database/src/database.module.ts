import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseConfig } from '@app/config';
import { dataSourceOptions } from './data-source-options';
import { DomainEventBus } from './domain-event-bus';
import { UnitOfWork } from './unit-of-work';

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(cfg: DatabaseConfig): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(cfg),
          autoLoadEntities: false,
          retryAttempts: 2,
          retryDelay: 500,
        }),
      ],
      providers: [DomainEventBus, UnitOfWork],
      exports: [DomainEventBus, UnitOfWork],
    };
  }
}
