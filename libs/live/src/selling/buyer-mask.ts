/**
 * A buyer's name as the whole room sees it in the purchase ticker: the first character and two
 * stars ("王阿姨" → "王**"), so viewers see real people buying without learning who they are.
 */
export function maskBuyerName(displayName: string): string {
  const first = Array.from(displayName.trim())[0];
  return `${first ?? ''}**`;
}
