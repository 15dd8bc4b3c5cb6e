/**
 * "CN-261125-000042": region, order date (UTC), and the region's own sequence, readable over the phone.
 * The region prefix keeps numbers from different regions apart, so each region allocates them without core.
 */
export function formatOrderNumber(region: string, placedAt: Date, sequence: number): string {
  const date = placedAt.toISOString().slice(2, 10).replaceAll('-', '');
  return `${region.toUpperCase()}-${date}-${String(sequence).padStart(6, '0')}`;
}
