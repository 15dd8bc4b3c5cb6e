/** "CN-261125-000042": region, order date (UTC), and a hub-wide sequence, readable over the phone. */
export function formatOrderNumber(region: string, placedAt: Date, sequence: number): string {
  const date = placedAt.toISOString().slice(2, 10).replaceAll('-', '');
  return `${region.toUpperCase()}-${date}-${String(sequence).padStart(6, '0')}`;
}
