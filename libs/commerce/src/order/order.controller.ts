import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { OrderHistoryView, OrderView, ReviewView } from '@app/contracts';
import { Actor, CurrentActor } from '@app/identity';
import { PlaceOrderDto, ReasonDto, ReviewDto, ShipOrderDto } from '../dto/order.dto';
import { PaymentService } from '../payment/payment.service';
import { ReviewService } from '../review/review.service';
import { OrderPlacementService } from './order-placement.service';
import { OrderService } from './order.service';

@ApiTags('commerce')
@ApiBearerAuth()
@Controller('orders')
export class OrderController {
  constructor(
    private readonly placement: OrderPlacementService,
    private readonly orders: OrderService,
    private readonly payments: PaymentService,
    private readonly reviews: ReviewService,
  ) {}

  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  place(
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key: string | undefined,
    @Body() dto: PlaceOrderDto,
  ): Promise<OrderView> {
    return this.placement.place(actor, key, dto);
  }

  @Get()
  mine(@CurrentActor() actor: Actor): Promise<OrderView[]> {
    return this.orders.mine(actor);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<OrderView> {
    return this.orders.get(actor, id);
  }

  @Get(':id/history')
  history(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<OrderHistoryView[]> {
    return this.orders.history(actor, id);
  }

  @Post(':id/pay')
  @HttpCode(200)
  pay(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<OrderView> {
    return this.payments.pay(actor, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReasonDto,
  ): Promise<OrderView> {
    return this.orders.cancel(actor, id, dto.reason);
  }

  @Post(':id/ship')
  @HttpCode(200)
  ship(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ShipOrderDto,
  ): Promise<OrderView> {
    return this.orders.ship(actor, id, dto);
  }

  @Post(':id/confirm-delivery')
  @HttpCode(200)
  confirmDelivery(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<OrderView> {
    return this.orders.confirmDelivery(actor, id);
  }

  @Post(':id/complete')
  @HttpCode(200)
  complete(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<OrderView> {
    return this.orders.complete(actor, id);
  }

  @Post(':id/refund-request')
  @HttpCode(200)
  requestRefund(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReasonDto,
  ): Promise<OrderView> {
    return this.orders.requestRefund(actor, id, dto.reason);
  }

  @Post(':id/refund/approve')
  @HttpCode(200)
  approveRefund(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReasonDto,
  ): Promise<OrderView> {
    return this.orders.decideRefund(actor, id, true, dto.reason);
  }

  @Post(':id/refund/reject')
  @HttpCode(200)
  rejectRefund(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReasonDto,
  ): Promise<OrderView> {
    return this.orders.decideRefund(actor, id, false, dto.reason);
  }

  @Post(':id/review')
  review(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReviewDto,
  ): Promise<ReviewView> {
    return this.reviews.review(actor, id, dto);
  }
}
