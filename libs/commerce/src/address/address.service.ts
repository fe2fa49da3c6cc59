import { Injectable } from '@nestjs/common';
import { AddressView, DomainError } from '@app/contracts';
import { UnitOfWork } from '@app/database';
import { Actor } from '@app/identity';
import { AddressDto } from '../dto/order.dto';
import { Address } from './address.entity';

const MAX_ADDRESSES = 20;

function toView(a: Address): AddressView {
  return { id: a.id, recipient: a.recipient, phone: a.phone, region: a.region, detail: a.detail };
}

/** A buyer's saved delivery addresses; orders copy the one chosen. */
@Injectable()
export class AddressService {
  constructor(private readonly uow: UnitOfWork) {}

  async add(actor: Actor, dto: AddressDto): Promise<AddressView> {
    return this.uow.run(async ({ em }) => {
      const count = await em.count(Address, { where: { ownerId: actor.id } });
      if (count >= MAX_ADDRESSES) {
        throw new DomainError('CONFLICT', `At most ${MAX_ADDRESSES} addresses may be saved.`);
      }
      const saved = await em.save(
        em.create(Address, {
          ownerId: actor.id,
          recipient: dto.recipient.trim(),
          phone: dto.phone.trim(),
          region: dto.region.trim(),
          detail: dto.detail.trim(),
        }),
      );
      return toView(saved);
    });
  }

  async list(actor: Actor): Promise<AddressView[]> {
    return this.uow.run(async ({ em }) =>
      (await em.find(Address, { where: { ownerId: actor.id }, order: { createdAt: 'DESC' } })).map(toView),
    );
  }
}
