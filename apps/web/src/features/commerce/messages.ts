/**
 * Texts of the commerce pages. Chinese first; English must have exactly the same keys. Keys are
 * prefixed `commerce.` so feature dictionaries never collide.
 */
export const zhCN = {} as const;

export const en: { readonly [K in keyof typeof zhCN]: string } = {};
