import { Module } from '@nestjs/common';
import { DatabaseModule } from './database/database.module';
import { DeliveryModule } from './delivery/delivery.module';
import { SubscriptionsModule } from './subscriptions/subscriptions.module';

@Module({
  imports: [DatabaseModule, SubscriptionsModule, DeliveryModule],
})
export class AppModule {}
