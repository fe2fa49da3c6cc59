import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  OrderView,
  ProductSearchPage,
  ProductView,
  ReviewView,
  ShopApplicationView,
  ShopPage,
  ShopSalesDaily,
  ShopView,
} from '@app/contracts';
import { Actor, CurrentActor, OptionalActor, Public, RequireRoles } from '@app/identity';
import {
  CreateProductDto,
  CreateShopDto,
  ProductSearchQuery,
  RejectShopDto,
  SalesDailyQuery,
  ShopListQuery,
} from '../dto/shop.dto';
import { OrderService } from '../order/order.service';
import { ProductService } from '../product/product.service';
import { ReviewService } from '../review/review.service';
import { ShopService } from './shop.service';

@ApiTags('commerce')
@ApiBearerAuth()
@Controller()
export class ShopController {
  constructor(
    private readonly shops: ShopService,
    private readonly products: ProductService,
    private readonly orders: OrderService,
    private readonly reviews: ReviewService,
  ) {}

  @Post('shops')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateShopDto): Promise<ShopView> {
    return this.shops.create(actor, dto);
  }

  @Get('shops')
  @RequireRoles('program_admin')
  list(@Query() q: ShopListQuery): Promise<ShopApplicationView[]> {
    return this.shops.applications(q.status);
  }

  @Get('shops/mine')
  mine(@CurrentActor() actor: Actor): Promise<ShopView[]> {
    return this.shops.mine(actor);
  }

  @Post('shops/:id/approve')
  @HttpCode(200)
  @RequireRoles('program_admin')
  approve(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ShopView> {
    return this.shops.approve(actor, id);
  }

  @Post('shops/:id/reject')
  @HttpCode(200)
  @RequireRoles('program_admin')
  reject(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RejectShopDto,
  ): Promise<ShopView> {
    return this.shops.reject(actor, id, dto.reason);
  }

  @Get('shops/:id')
  @Public()
  page(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string): Promise<ShopPage> {
    return this.shops.page(id, actor);
  }

  @Get('shops/:id/reviews')
  @Public()
  shopReviews(@Param('id', ParseUUIDPipe) id: string): Promise<ReviewView[]> {
    return this.reviews.forShop(id);
  }

  @Get('shops/:id/orders')
  shopOrders(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<OrderView[]> {
    return this.orders.forShop(actor, id);
  }

  @Get('shops/:id/sales-daily')
  @ApiOperation({ summary: "The owner's takings per day, in the asked IANA zone (default Asia/Shanghai)" })
  salesDaily(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: SalesDailyQuery,
  ): Promise<ShopSalesDaily> {
    return this.orders.salesDaily(actor, id, q);
  }

  @Post('shops/:id/products')
  addProduct(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateProductDto,
  ): Promise<ProductView> {
    return this.products.create(actor, id, dto);
  }

  @Get('products')
  @Public()
  search(@Query() q: ProductSearchQuery): Promise<ProductSearchPage> {
    return this.products.search(q);
  }
}
