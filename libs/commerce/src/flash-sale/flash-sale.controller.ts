import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FlashSaleView, OrderView } from '@app/contracts';
import { Actor, CurrentActor, Public } from '@app/identity';
import { CreateFlashSaleDto, FlashSaleOrderDto } from '../dto/order.dto';
import { OrderPlacementService } from '../order/order-placement.service';
import { FlashSaleService } from './flash-sale.service';

@ApiTags('commerce')
@ApiBearerAuth()
@Controller('flash-sales')
export class FlashSaleController {
  constructor(
    private readonly flashSales: FlashSaleService,
    private readonly placement: OrderPlacementService,
  ) {}

  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateFlashSaleDto): Promise<FlashSaleView> {
    return this.flashSales.create(actor, dto);
  }

  @Get(':id')
  @Public()
  get(@Param('id', ParseUUIDPipe) id: string): Promise<FlashSaleView> {
    return this.flashSales.get(id);
  }

  @Post(':id/orders')
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  order(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('idempotency-key') key: string | undefined,
    @Body() dto: FlashSaleOrderDto,
  ): Promise<OrderView> {
    return this.placement.placeFlashSale(actor, key, id, dto);
  }
}
