import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type {
  AuthResponse,
  CreateUploadResponse,
  FlashSaleView,
  ProductView,
  Role,
  ShopView,
} from '@app/contracts';
import { TokenService } from '@app/identity';
import { TestApp } from '@app/testing';
import { signUp, startApi } from './support';

export const auth = (a: { tokens: { accessToken: string } }): [string, string] => [
  'Authorization',
  `Bearer ${a.tokens.accessToken}`,
];

/** `YYYY-MM-DD` of `at` on the wall clock of `tz`: the day a sales chart should put it on. */
export const localDate = (at: Date, tz: string): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);

export interface Buyer {
  id: string;
  tokens: { accessToken: string };
  addressId: string;
}

/**
 * Many buyers at once: sign-up hashes passwords with argon2 (deliberately slow), so these users
 * are inserted directly and given real access tokens by the api's own TokenService.
 */
export async function quickBuyers(
  t: TestApp,
  pg: Client,
  n: number,
  roles: Role[] = ['viewer'],
): Promise<Buyer[]> {
  const ids = Array.from({ length: n }, () => randomUUID());
  const addressIds = ids.map(() => randomUUID());
  await pg.query(
    `INSERT INTO users (id, email, password_hash, display_name) SELECT id, id::text || '@buyers.test', 'x', '买家' FROM unnest($1::uuid[]) AS id`,
    [ids],
  );
  await pg.query(
    `INSERT INTO user_roles (user_id, role) SELECT id, r FROM unnest($1::uuid[]) AS id, unnest($2::varchar[]) AS r`,
    [ids, roles],
  );
  await pg.query(
    `INSERT INTO addresses (id, owner_id, recipient, phone, region, detail)
     SELECT a, o, '张三', '13800138000', '云南省 普洱市', '茶山村 1 号' FROM unnest($1::uuid[], $2::uuid[]) AS x(a, o)`,
    [addressIds, ids],
  );
  const tokens = t.app.get(TokenService);
  return ids.map((id, i) => ({
    id,
    addressId: addressIds[i],
    tokens: { accessToken: tokens.signAccess({ sub: id, roles, sid: randomUUID() }) },
  }));
}

export async function openShop(
  t: TestApp,
  owner: AuthResponse,
  kind: 'practice' | 'live' = 'practice',
): Promise<ShopView> {
  const res = await request(t.url)
    .post('/api/shops')
    .set(...auth(owner))
    .send({ kind, name: '阿姨手工挂面', category: 'noodles', region: '甘肃 定西', description: '手工晾晒' });
  if (res.status !== 201) throw new Error(`shop: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as ShopView;
}

export async function addProduct(
  t: TestApp,
  owner: AuthResponse,
  shopId: string,
  variants: { label: string; priceMinor: number; stock: number }[],
  extra: Record<string, unknown> = {},
): Promise<ProductView> {
  const res = await request(t.url)
    .post(`/api/shops/${shopId}/products`)
    .set(...auth(owner))
    .send({ title: '手工空心挂面', variants, ...extra });
  if (res.status !== 201) throw new Error(`product: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as ProductView;
}

export async function addAddress(t: TestApp, who: AuthResponse): Promise<string> {
  const res = await request(t.url)
    .post('/api/addresses')
    .set(...auth(who))
    .send({ recipient: '李四', phone: '13900139000', region: '浙江省 杭州市', detail: '西湖区 龙井村 8 号' });
  if (res.status !== 201) throw new Error(`address: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { id: string }).id;
}

/**
 * The api with a database client, and an anchor whose practice shop sells one product: a 500g
 * variant at 29.90 with `stock` units. Close with `pg.end()` and `t.close()`.
 */
export async function startShop(
  stock: number,
): Promise<{ t: TestApp; pg: Client; anchor: AuthResponse; product: ProductView }> {
  const t = await startApi();
  const pg = new Client({ connectionString: t.db.url });
  await pg.connect();
  const anchor = await signUp(t, { roles: ['anchor'] });
  const shop = await openShop(t, anchor);
  const product = await addProduct(t, anchor, shop.id, [{ label: '500g', priceMinor: 2990, stock }]);
  return { t, pg, anchor, product };
}

/** A flash sale open now for ten minutes: 100 units at 9.90, one per buyer, unless `over` says otherwise. */
export async function createFlashSale(
  t: TestApp,
  owner: AuthResponse,
  variantId: string,
  over: Record<string, unknown> = {},
): Promise<FlashSaleView> {
  const res = await request(t.url)
    .post('/api/flash-sales')
    .set(...auth(owner))
    .send({
      variantId,
      priceMinor: 990,
      quantity: 100,
      perBuyerLimit: 1,
      startsAt: new Date(Date.now() - 1000).toISOString(),
      endsAt: new Date(Date.now() + 600_000).toISOString(),
      ...over,
    });
  if (res.status !== 201) throw new Error(`flash sale: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as FlashSaleView;
}

export { signUp };

/**
 * A verified product photo, uploaded the way the web client does it: ask for a presigned URL, PUT
 * the bytes through the api's /s3 proxy (the api must run with S3_PUBLIC_URL=/s3), then complete.
 */
export async function uploadProductPhoto(
  t: TestApp,
  who: AuthResponse,
  png: Buffer,
  fileName: string,
): Promise<string> {
  const created = await request(t.url)
    .post('/api/uploads')
    .set(...auth(who))
    .send({ purpose: 'product-photo', contentType: 'image/png', size: png.length, fileName });
  if (created.status !== 201) throw new Error(`upload: ${created.status} ${JSON.stringify(created.body)}`);
  const upload = created.body as CreateUploadResponse;
  const put = await fetch(`${t.url}${upload.url}`, {
    method: 'PUT',
    headers: upload.headers,
    body: new Uint8Array(png),
  });
  if (put.status !== 200) throw new Error(`upload PUT: ${put.status}`);
  const done = await request(t.url)
    .post(`/api/uploads/${upload.uploadId}/complete`)
    .set(...auth(who));
  if (done.status !== 200) throw new Error(`upload complete: ${done.status} ${JSON.stringify(done.body)}`);
  return upload.uploadId;
}
