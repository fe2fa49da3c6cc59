import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AddressView } from '@app/contracts';
import { Actor, CurrentActor } from '@app/identity';
import { AddressDto } from '../dto/order.dto';
import { AddressService } from './address.service';

@ApiTags('commerce')
@ApiBearerAuth()
@Controller('addresses')
export class AddressController {
  constructor(private readonly addresses: AddressService) {}

  @Post()
  add(@CurrentActor() actor: Actor, @Body() dto: AddressDto): Promise<AddressView> {
    return this.addresses.add(actor, dto);
  }

  @Get()
  list(@CurrentActor() actor: Actor): Promise<AddressView[]> {
    return this.addresses.list(actor);
  }
}
