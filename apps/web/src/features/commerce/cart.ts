import { useCallback, useEffect, useState } from 'react';
import type { Currency } from '@app/contracts';

/** One shop per order, so the cart holds one shop's lines; adding from another shop starts over. */
export interface CartLine {
  variantId: string;
  productId: string;
  title: string;
  label: string;
  priceMinor: number;
  currency: Currency;
  quantity: number;
}

export interface Cart {
  shopId: string;
  shopName: string;
  lines: CartLine[];
}

const KEY = 'aa.cart';
const EVENT = 'aa-cart-changed';

function read(): Cart | null {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? 'null') as Cart | null;
  } catch {
    return null;
  }
}

function write(cart: Cart | null): void {
  try {
    if (cart && cart.lines.length) localStorage.setItem(KEY, JSON.stringify(cart));
    else localStorage.removeItem(KEY);
  } catch {
    // storage blocked: the cart lives as long as the page
  }
  window.dispatchEvent(new Event(EVENT));
}

export function useCart() {
  const [cart, setCart] = useState<Cart | null>(read);
  useEffect(() => {
    const sync = () => setCart(read());
    window.addEventListener(EVENT, sync);
    window.addEventListener('storage', sync);
    return () => {
      window.removeEventListener(EVENT, sync);
      window.removeEventListener('storage', sync);
    };
  }, []);

  const add = useCallback((shop: { id: string; name: string }, line: CartLine) => {
    const current = read();
    const base =
      current && current.shopId === shop.id ? current : { shopId: shop.id, shopName: shop.name, lines: [] };
    const existing = base.lines.find((l) => l.variantId === line.variantId);
    const lines = existing
      ? base.lines.map((l) => (l === existing ? { ...l, quantity: l.quantity + line.quantity } : l))
      : [...base.lines, line];
    write({ ...base, lines });
  }, []);

  const setQuantity = useCallback((variantId: string, quantity: number) => {
    const current = read();
    if (!current) return;
    write({
      ...current,
      lines: current.lines.flatMap((l) =>
        l.variantId !== variantId ? [l] : quantity > 0 ? [{ ...l, quantity }] : [],
      ),
    });
  }, []);

  const clear = useCallback(() => write(null), []);
  return { cart, add, setQuantity, clear };
}
