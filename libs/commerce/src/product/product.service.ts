import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { DomainError, ProductSearchPage, ProductView, ShopCategory } from '@app/contracts';
import { UnitOfWork } from '@app/database';
import { Actor } from '@app/identity';
import { UploadService, VerifiedUpload } from '@app/storage';
import { CreateProductDto, ProductSearchQuery } from '../dto/shop.dto';
import { Shop } from '../shop/shop.entity';

const MARKET_PAGE_DEFAULT = 20;
import { InventoryService } from '../inventory/inventory.service';
import { requireOwnShop } from '../shop/shop.access';
import { ProductPhoto } from './product-photo.entity';
import { ProductThumbnailer } from './product-thumbnailer';
import { ProductVariant } from './product-variant.entity';
import { Product } from './product.entity';

@Injectable()
export class ProductService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly inventory: InventoryService,
    private readonly uploads: UploadService,
    private readonly thumbnails: ProductThumbnailer,
  ) {}

  /**
   * Photos are checked and thumbnailed before the transaction (object storage is slow and outside
   * it); a refused photo leaves no product behind, only at most an orphan thumbnail object.
   */
  async create(actor: Actor, shopId: string, dto: CreateProductDto): Promise<ProductView> {
    await this.uow.run(({ em }) => requireOwnShop(em, actor, shopId));
    const ids = [...new Set(dto.photoUploadIds ?? [])];
    const photos: { file: VerifiedUpload; thumbnailKey: string }[] = [];
    for (const id of ids) {
      const file = await this.uploads.requireVerified(id, actor.id, ['product-photo']);
      photos.push({ file, thumbnailKey: await this.thumbnails.make(file) });
    }
    const labels = dto.variants.map((v) => v.label.trim());
    if (new Set(labels).size !== labels.length) {
      throw new DomainError('VALIDATION_FAILED', 'Two variants have the same label.', [
        { field: 'variants', reason: 'unique', message: 'variant labels must differ' },
      ]);
    }
    const productId = await this.uow.run(async ({ em }) => {
      const shop = await requireOwnShop(em, actor, shopId);
      const product = await em.save(
        em.create(Product, {
          shopId,
          title: dto.title.trim(),
          description: dto.description?.trim() || null,
          category: dto.category ?? shop.category,
        }),
      );
      for (const [position, v] of dto.variants.entries()) {
        const variant = await em.save(
          em.create(ProductVariant, {
            productId: product.id,
            label: labels[position],
            priceMinor: v.priceMinor,
            currency: shop.currency,
            position,
          }),
        );
        await this.inventory.stock(em, { kind: 'variant', id: variant.id }, v.stock);
      }
      if (photos.length) {
        await em.insert(
          ProductPhoto,
          photos.map((p, position) => ({
            productId: product.id,
            uploadId: p.file.id,
            objectKey: p.file.objectKey,
            thumbnailKey: p.thumbnailKey,
            position,
          })),
        );
      }
      return product.id;
    });
    return this.uow.run(async ({ em }) => (await this.views(em, [productId]))[0]);
  }

  /**
   * The market: open shops only, newest first, matched on category and on words in the title or
   * description (as plain text: LIKE wildcards are escaped, the value is a bound parameter).
   * Keyset paging on (created_at, id) with the last product's id as the cursor, so products
   * listed while someone pages neither repeat nor vanish.
   */
  async search(q: ProductSearchQuery): Promise<ProductSearchPage> {
    const limit = q.limit ?? MARKET_PAGE_DEFAULT;
    return this.uow.run(async ({ em }) => {
      const qb = em
        .createQueryBuilder(Product, 'p')
        .innerJoin('p.shop', 's', `s.status = 'open'`)
        .select('p.id', 'id')
        .orderBy('p.created_at', 'DESC')
        .addOrderBy('p.id', 'DESC')
        .limit(limit + 1);
      if (q.category) qb.andWhere('p.category = :category', { category: q.category });
      const words = q.q?.trim();
      if (words) {
        const like = `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        qb.andWhere('(p.title ILIKE :like OR p.description ILIKE :like)', { like });
      }
      if (q.cursor) {
        const after = await em.findOne(Product, { where: { id: q.cursor }, select: { id: true } });
        if (!after) {
          throw new DomainError('VALIDATION_FAILED', 'The paging cursor is not a product.', [
            {
              field: 'cursor',
              reason: 'cursor',
              message: 'cursor must be the nextCursor of a previous page',
            },
          ]);
        }
        qb.andWhere(
          '(p.created_at, p.id) < (SELECT c.created_at, c.id FROM products c WHERE c.id = :cursor)',
          {
            cursor: q.cursor,
          },
        );
      }
      const rows = await qb.getRawMany<{ id: string }>();
      const ids = rows.slice(0, limit).map((r) => r.id);
      const views = await this.views(em, ids);
      const shopIds = [...new Set(views.map((v) => v.shopId))];
      const shops = shopIds.length ? await em.findBy(Shop, { id: In(shopIds) }) : [];
      const shopOf = new Map(shops.map((s) => [s.id, s]));
      const items = views.flatMap((v) => {
        const s = shopOf.get(v.shopId);
        return s ? [{ ...v, shop: { id: s.id, ownerId: s.ownerId, name: s.name, region: s.region } }] : [];
      });
      return { items, nextCursor: rows.length > limit ? ids[ids.length - 1] : null };
    });
  }

  async listForShop(em: EntityManager, shopId: string): Promise<ProductView[]> {
    const rows = await em.find(Product, {
      where: { shopId },
      select: { id: true },
      order: { createdAt: 'DESC' },
    });
    return this.views(
      em,
      rows.map((r) => r.id),
    );
  }

  /**
   * Views of the products, in the order of `ids`, with their variants, photos and stock. The reads
   * go one after another: `em` is a transaction's, so they share one connection, which runs one
   * query at a time anyway (pg refuses overlapping queries on a client from pg@9).
   */
  async views(em: EntityManager, ids: string[]): Promise<ProductView[]> {
    if (!ids.length) return [];
    const products = await em.createQueryBuilder(Product, 'p').where('p.id IN (:...ids)', { ids }).getMany();
    const variants = await em
      .createQueryBuilder(ProductVariant, 'v')
      .where('v.product_id IN (:...ids)', { ids })
      .orderBy('v.position')
      .getMany();
    const photos = await em
      .createQueryBuilder(ProductPhoto, 'f')
      .where('f.product_id IN (:...ids)', { ids })
      .orderBy('f.position')
      .getMany();
    const stock = await this.inventory.available(
      em,
      'variant',
      variants.map((v) => v.id),
    );
    const byId = new Map(products.map((p) => [p.id, p]));
    return ids.flatMap((id) => {
      const p = byId.get(id);
      if (!p) return [];
      return [
        {
          id: p.id,
          shopId: p.shopId,
          title: p.title,
          description: p.description,
          category: p.category as ShopCategory,
          photos: photos
            .filter((f) => f.productId === id)
            .map((f) => ({ uploadId: f.uploadId, objectKey: f.objectKey, thumbnailKey: f.thumbnailKey })),
          variants: variants
            .filter((v) => v.productId === id)
            .map((v) => ({
              id: v.id,
              label: v.label,
              priceMinor: v.priceMinor,
              currency: v.currency,
              available: stock.get(v.id) ?? 0,
            })),
        },
      ];
    });
  }
}
