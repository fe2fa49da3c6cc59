import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { FlashSaleOrderDto, PlaceOrderDto } from './order.dto';

/** What the api's ValidationPipe runs (whitelist, forbid unknown, no implicit conversion). */
function classValidatorAccepts(value: unknown, type: new () => object = PlaceOrderDto): boolean {
  const dto = plainToInstance(type, value, { enableImplicitConversion: false });
  return (
    typeof dto === 'object' &&
    dto !== null &&
    validateSync(dto as object, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true })
      .length === 0
  );
}

const v1 = '0b9e2f5c-3b1a-4c1e-9f0a-2d6b1e7c8a90';
const v2 = '7c1f0e2a-5d3b-1a9e-8b7c-6d5e4f3a2b10';
const line = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  variantId: v1,
  quantity: 1,
  ...over,
});
const order = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  items: [line()],
  addressId: v2,
  paymentMethod: 'sandbox',
  ...over,
});

describe('PlaceOrderDto.fastParse', () => {
  const valid = [
    order(),
    order({ paymentMethod: 'cod' }),
    order({ items: [line({ quantity: 99 }), line({ variantId: v2, quantity: 3 })] }),
    order({ items: Array.from({ length: 20 }, () => line()) }),
    order({ addressId: v2.toUpperCase() }),
  ];
  const refused = [
    null,
    'text',
    [order()],
    {},
    order({ extra: 1 }),
    order({ items: [] }),
    order({ items: Array.from({ length: 21 }, () => line()) }),
    order({ items: {} }),
    order({ items: [line({ quantity: 0 })] }),
    order({ items: [line({ quantity: 100 })] }),
    order({ items: [line({ quantity: 1.5 })] }),
    order({ items: [line({ quantity: '1' })] }),
    order({ items: [line({ extra: true })] }),
    order({ items: [{ variantId: v1 }] }),
    order({ items: [null] }),
    order({ items: [line({ variantId: 'not-a-uuid' })] }),
    order({ addressId: 42 }),
    order({ paymentMethod: 'cash' }),
    { items: [line()], addressId: v2 },
    JSON.parse(`{"items":[{"variantId":"${v1}","quantity":1}],"addressId":"${v2}","__proto__":{"x":1}}`),
  ];

  it.each(valid.map((v, i) => [i, v]))(
    'accepts valid order %i as class-validator does, as the same instance',
    (_, v) => {
      const fast = PlaceOrderDto.fastParse(v);
      expect(fast).toBeInstanceOf(PlaceOrderDto);
      expect(classValidatorAccepts(v)).toBe(true);
      expect(fast).toEqual(plainToInstance(PlaceOrderDto, v));
      expect(fast!.items.every((l) => l.constructor.name === 'OrderLineDto')).toBe(true);
    },
  );

  it.each(refused.map((v, i) => [i, v]))('leaves input %i to class-validator', (_, v) => {
    expect(PlaceOrderDto.fastParse(v)).toBeUndefined();
  });

  it('never accepts what class-validator refuses (the nil UUID is left to class-validator)', () => {
    for (const v of [...refused, order({ addressId: '00000000-0000-0000-0000-000000000000' })])
      if (!classValidatorAccepts(v)) expect(PlaceOrderDto.fastParse(v)).toBeUndefined();
  });
});

describe('FlashSaleOrderDto.fastParse', () => {
  const buy = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
    quantity: 1,
    addressId: v2,
    paymentMethod: 'sandbox',
    ...over,
  });
  const valid = [buy(), buy({ quantity: 99, paymentMethod: 'cod' }), buy({ addressId: v2.toUpperCase() })];
  const refused = [
    null,
    [buy()],
    {},
    buy({ extra: 1 }),
    buy({ quantity: 0 }),
    buy({ quantity: 100 }),
    buy({ quantity: 2.5 }),
    buy({ quantity: '2' }),
    buy({ addressId: 'nope' }),
    buy({ addressId: '00000000-0000-0000-0000-000000000000' }),
    buy({ paymentMethod: 'cash' }),
    { quantity: 1, addressId: v2 },
  ];

  it.each(valid.map((v, i) => [i, v]))('accepts valid buy %i as class-validator does', (_, v) => {
    const fast = FlashSaleOrderDto.fastParse(v);
    expect(fast).toBeInstanceOf(FlashSaleOrderDto);
    expect(classValidatorAccepts(v, FlashSaleOrderDto)).toBe(true);
    expect(fast).toEqual(plainToInstance(FlashSaleOrderDto, v));
  });

  it.each(refused.map((v, i) => [i, v]))('leaves input %i to class-validator', (_, v) => {
    expect(FlashSaleOrderDto.fastParse(v)).toBeUndefined();
  });

  it('never accepts what class-validator refuses', () => {
    for (const v of refused)
      if (!classValidatorAccepts(v, FlashSaleOrderDto))
        expect(FlashSaleOrderDto.fastParse(v)).toBeUndefined();
  });
});
