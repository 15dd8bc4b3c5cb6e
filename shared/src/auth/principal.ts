/** Region codes are lower-case ISO-like tags ("cn", "de", "sea"); new regions need no code change. */
export type RegionCode = string;

/**
 * `operator`, `customer_service`, `warehouse`, `carrier` and `bookkeeping` (the company's own accounts) are
 * staff scoped to regions; `auditor` and `tax_auditor` read across regions and never write; `service` is another
 * hub service acting as the system; `catalogue_manager` edits products and price lists and sees no orders.
 */
export const ROLES = [
  'customer',
  'operator',
  'customer_service',
  'warehouse',
  'carrier',
  'bookkeeping',
  'auditor',
  'tax_auditor',
  'admin',
  'service',
  'catalogue_manager',
  'rules_editor',
  'rules_approver',
] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting, as recorded in timelines and the audit trail. */
export interface Actor {
  type: 'user' | 'system' | 'carrier';
  id: string;
}

/**
 * The authenticated caller. For customers `subject` is a pairwise pseudonymous id issued by the identity
 * provider, which is also the customer reference core stores: core never needs the person's identity.
 */
export interface Principal {
  subject: string;
  role: Role;
  /** Regions an operator or carrier may act in; a customer's home region; empty for global roles. */
  regions: RegionCode[];
  /** Declared purpose of access (GDPR art. 5(1)(b)); regional field policies use it. */
  purpose?: string;
}

export function actorOf(principal: Principal): Actor {
  if (principal.role === 'carrier') return { type: 'carrier', id: principal.subject };
  if (principal.role === 'service') return { type: 'system', id: principal.subject };
  return { type: 'user', id: principal.subject };
}
