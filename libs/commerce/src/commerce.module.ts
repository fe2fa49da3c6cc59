import { Module } from '@nestjs/common';
import { UploadModule } from '@app/storage';
import { AddressController } from './address/address.controller';
import { AddressService } from './address/address.service';
import { FlashSaleController } from './flash-sale/flash-sale.controller';
import { FlashSaleService } from './flash-sale/flash-sale.service';
import { InventoryService } from './inventory/inventory.service';
import { OrderCommitter } from './order/order-committer.service';
import { OrderPlacementService } from './order/order-placement.service';
import { OrderReadModel } from './order/order-read-model';
import { OrderSweeper } from './order/order-sweeper.service';
import { OrderController } from './order/order.controller';
import { OrderService } from './order/order.service';
import { PlacementReads } from './order/placement-reads';
import { SalesReadModel } from './order/sales-read-model';
import { PaymentWebhookController } from './payment/payment-webhook.controller';
import { PaymentService } from './payment/payment.service';
import { ProductPhotoController } from './product/product-photo.controller';
import { ProductPhotoService } from './product/product-photo.service';
import { ProductThumbnailer } from './product/product-thumbnailer';
import { ProductService } from './product/product.service';
import { ReviewService } from './review/review.service';
import { ShopController } from './shop/shop.controller';
import { ShopService } from './shop/shop.service';

/** Shops, products, stock, orders, payments, flash sales. Needs DatabaseModule and StorageModule (global). */
@Module({
  imports: [UploadModule],
  controllers: [
    ShopController,
    OrderController,
    AddressController,
    FlashSaleController,
    PaymentWebhookController,
    ProductPhotoController,
  ],
  providers: [
    ShopService,
    ProductService,
    ProductThumbnailer,
    InventoryService,
    AddressService,
    OrderPlacementService,
    OrderCommitter,
    PlacementReads,
    OrderService,
    OrderSweeper,
    PaymentService,
    FlashSaleService,
    ReviewService,
    ProductPhotoService,
    OrderReadModel,
    SalesReadModel,
  ],
  exports: [
    OrderPlacementService,
    OrderService,
    FlashSaleService,
    InventoryService,
    OrderSweeper,
    ProductService,
    OrderReadModel,
  ],
})
export class CommerceModule {}
