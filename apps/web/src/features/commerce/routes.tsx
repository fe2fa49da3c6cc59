import type { RouteObject } from 'react-router-dom';
import { RequireAuth } from '../../auth/require-auth';
import { CartPage } from './cart-page';
import { MarketPage } from './market-page';
import { MyShopPage } from './my-shop-page';
import { NoticesPage } from './notices-page';
import { OrdersPage } from './orders-page';
import { ProductPage } from './product-page';
import { ShopApprovalsPage } from './shop-approvals-page';
import { ShopPage } from './shop-page';
import './live/register-live-panels';
import './commerce.css';

const signedIn = (page: React.ReactNode) => <RequireAuth>{page}</RequireAuth>;

/** Pages of the commerce feature, mounted inside the app shell. */
export const commerceRoutes: RouteObject[] = [
  { path: 'market', element: <MarketPage /> },
  { path: 'program/shops', element: signedIn(<ShopApprovalsPage />) },
  { path: 'shops/:id', element: <ShopPage /> },
  { path: 'shops/:shopId/products/:productId', element: <ProductPage /> },
  { path: 'cart', element: signedIn(<CartPage />) },
  { path: 'orders', element: signedIn(<OrdersPage />) },
  { path: 'notices', element: signedIn(<NoticesPage />) },
  { path: 'my-shop', element: signedIn(<MyShopPage />) },
];
