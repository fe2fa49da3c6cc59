import type {
  AddressRequest,
  AddressView,
  CreateProductRequest,
  CreateShopRequest,
  CreateUploadResponse,
  FollowView,
  LiveSalesStats,
  LiveSessionView,
  NoticeList,
  OrderView,
  PinnedProductCard,
  PlaceOrderRequest,
  ProductSearchPage,
  ProductSearchRequest,
  ProductView,
  ReviewRequest,
  ShipOrderRequest,
  ShopApplicationView,
  ShopPage,
  ShopSalesDaily,
  ShopSalesDailyRequest,
  ShopStatus,
  ShopView,
  StartLiveFlashSaleRequest,
  UploadView,
} from '@app/contracts';
import { apiClient } from '../../api';

const enc = encodeURIComponent;

/** `?a=1&b=x` from the set fields (empty strings left out: the api refuses them), or ''. */
function query(fields: object): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A fresh key per tap: a retried request is the same order, a second tap is a new one. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/** The commerce and live-selling endpoints the shop pages and live panels use. */
export const commerceApi = {
  shopPage: (id: string, signal?: AbortSignal) =>
    apiClient.get<ShopPage>(`/api/shops/${enc(id)}`, { signal }),
  myShops: (signal?: AbortSignal) => apiClient.get<ShopView[]>('/api/shops/mine', { signal }),
  search: (req: ProductSearchRequest, signal?: AbortSignal) =>
    apiClient.get<ProductSearchPage>(`/api/products${query(req)}`, { signal }),
  /** running live sales: the market marks their shops "live now" */
  liveSales: (signal?: AbortSignal) =>
    apiClient.get<LiveSessionView[]>('/api/live-sessions?status=live&kind=sale', { signal }),
  shopApplications: (status: ShopStatus, signal?: AbortSignal) =>
    apiClient.get<ShopApplicationView[]>(`/api/shops${query({ status })}`, { signal }),
  approveShop: (id: string) => apiClient.post<ShopView>(`/api/shops/${enc(id)}/approve`),
  rejectShop: (id: string, reason: string) =>
    apiClient.post<ShopView>(`/api/shops/${enc(id)}/reject`, { reason }),
  createShop: (req: CreateShopRequest) => apiClient.post<ShopView>('/api/shops', req),
  addProduct: (shopId: string, req: CreateProductRequest) =>
    apiClient.post<ProductView>(`/api/shops/${enc(shopId)}/products`, req),
  shopOrders: (shopId: string, signal?: AbortSignal) =>
    apiClient.get<OrderView[]>(`/api/shops/${enc(shopId)}/orders`, { signal }),
  /** takings per day; `tz` is the browser's zone so days end at the viewer's midnight */
  salesDaily: (shopId: string, req: ShopSalesDailyRequest, signal?: AbortSignal) =>
    apiClient.get<ShopSalesDaily>(`/api/shops/${enc(shopId)}/sales-daily${query(req)}`, { signal }),
  shopSales: (shopId: string, signal?: AbortSignal) =>
    apiClient.get<LiveSessionView[]>(`/api/shops/${enc(shopId)}/live-sessions`, { signal }),

  follow: (shopId: string, signal?: AbortSignal) =>
    apiClient.get<FollowView>(`/api/shops/${enc(shopId)}/follow`, { signal }),
  setFollow: (shopId: string, follow: boolean, remind?: boolean) =>
    follow
      ? apiClient.post<FollowView>(`/api/shops/${enc(shopId)}/follow`, remind === undefined ? {} : { remind })
      : apiClient.request<FollowView>('DELETE', `/api/shops/${enc(shopId)}/follow`),

  addresses: (signal?: AbortSignal) => apiClient.get<AddressView[]>('/api/addresses', { signal }),
  addAddress: (req: AddressRequest) => apiClient.post<AddressView>('/api/addresses', req),

  placeOrder: (req: PlaceOrderRequest, key: string) =>
    apiClient.post<OrderView>('/api/orders', req, { headers: { 'Idempotency-Key': key } }),
  buyFlashSale: (saleId: string, req: { quantity: number; addressId: string }, key: string) =>
    apiClient.post<OrderView>(
      `/api/flash-sales/${enc(saleId)}/orders`,
      { ...req, paymentMethod: 'cod' },
      { headers: { 'Idempotency-Key': key } },
    ),
  myOrders: (signal?: AbortSignal) => apiClient.get<OrderView[]>('/api/orders', { signal }),
  confirmDelivery: (id: string) => apiClient.post<OrderView>(`/api/orders/${enc(id)}/confirm-delivery`),
  review: (id: string, req: ReviewRequest) => apiClient.post(`/api/orders/${enc(id)}/review`, req),
  ship: (id: string, req: ShipOrderRequest) => apiClient.post<OrderView>(`/api/orders/${enc(id)}/ship`, req),

  createUpload: (file: File) =>
    apiClient.post<CreateUploadResponse>('/api/uploads', {
      purpose: 'product-photo',
      contentType: file.type,
      size: file.size,
      fileName: file.name,
    }),
  completeUpload: (id: string) => apiClient.post<UploadView>(`/api/uploads/${enc(id)}/complete`),

  notices: (signal?: AbortSignal) => apiClient.get<NoticeList>('/api/notices', { signal }),
  readNotice: (id: string) => apiClient.post<void>(`/api/notices/${enc(id)}/read`),
  readAllNotices: () => apiClient.post<void>('/api/notices/read-all'),

  pin: (sessionId: string, productId: string) =>
    apiClient.post<PinnedProductCard>(`/api/live-sessions/${enc(sessionId)}/pinned-product`, { productId }),
  unpin: (sessionId: string) =>
    apiClient.request<void>('DELETE', `/api/live-sessions/${enc(sessionId)}/pinned-product`),
  startFlashSale: (sessionId: string, req: StartLiveFlashSaleRequest) =>
    apiClient.post<PinnedProductCard>(`/api/live-sessions/${enc(sessionId)}/flash-sales`, req),
  salesStats: (sessionId: string, signal?: AbortSignal) =>
    apiClient.get<LiveSalesStats>(`/api/live-sessions/${enc(sessionId)}/sales-stats`, { signal }),
};

/** Same-origin photo URLs (the api redirects to storage). */
export const photoUrl = (uploadId: string, size: 'thumb' | 'full' = 'thumb'): string =>
  `/api/product-photos/${enc(uploadId)}${size === 'thumb' ? '?size=thumb' : ''}`;

/**
 * PUTs the file to its presigned URL with progress (fetch has no upload progress), then asks the
 * api to check it. Resolves with the verified upload's id.
 */
export async function uploadPhoto(file: File, onProgress: (fraction: number) => void): Promise<string> {
  const target = await commerceApi.createUpload(file);
  await new Promise<void>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(target.method, target.url);
    for (const [k, v] of Object.entries(target.headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () =>
      xhr.status < 300 ? resolve() : reject(new Error(`upload failed: HTTP ${xhr.status}`));
    xhr.onerror = () => reject(new Error('upload failed'));
    xhr.send(file);
  });
  onProgress(1);
  await commerceApi.completeUpload(target.uploadId);
  return target.uploadId;
}
