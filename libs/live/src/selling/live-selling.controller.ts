import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { LiveSalesStats, PinnedProductCard } from '@app/contracts';
import { Actor, CurrentActor } from '@app/identity';
import { PinProductDto, StartLiveFlashSaleDto } from './dto/live-selling.dto';
import { LiveSalesService } from './live-sales.service';
import { LiveSellingService } from './live-selling.service';

@ApiTags('live')
@ApiBearerAuth()
@Controller('live-sessions/:id')
export class LiveSellingController {
  constructor(
    private readonly selling: LiveSellingService,
    private readonly sales: LiveSalesService,
  ) {}

  @Post('pinned-product')
  @HttpCode(200)
  pin(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: PinProductDto,
  ): Promise<PinnedProductCard> {
    return this.selling.pin(actor, id, dto.productId);
  }

  @Delete('pinned-product')
  @HttpCode(204)
  unpin(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.selling.unpin(actor, id);
  }

  @Post('flash-sales')
  startFlashSale(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: StartLiveFlashSaleDto,
  ): Promise<PinnedProductCard> {
    return this.selling.startFlashSale(actor, id, dto);
  }

  @Get('sales-stats')
  stats(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<LiveSalesStats> {
    return this.sales.stats(actor, id);
  }
}
