import { FlashSaleOrderDto, OrderPlacementService, PlaceOrderDto } from '@app/commerce';
import { FastRoute, fastRoute } from './fast-lane';

/**
 * Placing orders, the api's burst: the fast-lane twins of `POST /api/orders` (OrderController.place)
 * and `POST /api/flash-sales/:id/orders` (FlashSaleController.order), calling the same service with
 * the same arguments. fast-lane.e2e-spec.ts checks each against its Nest route.
 */
export function orderFastRoutes(placement: OrderPlacementService): FastRoute<unknown>[] {
  return [
    fastRoute<PlaceOrderDto>({
      path: '/api/orders',
      body: PlaceOrderDto,
      status: 201,
      run: (actor, dto, { headers }) => placement.place(actor, single(headers['idempotency-key']), dto),
    }),
    fastRoute<FlashSaleOrderDto>({
      path: '/api/flash-sales/:id/orders',
      body: FlashSaleOrderDto,
      status: 201,
      run: (actor, dto, { param, headers }) =>
        placement.placeFlashSale(actor, single(headers['idempotency-key']), param, dto),
    }),
  ];
}

/** `@Headers('idempotency-key')`: node joins a repeated header into one string, as Nest reads it. */
const single = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value.join(', ') : value;
