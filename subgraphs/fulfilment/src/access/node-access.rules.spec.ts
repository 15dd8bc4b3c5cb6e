import type { Principal } from '@hub/shared/auth/principal';
import { decideNodeAction, PARTNER_SCOPES } from './node-access.rules.js';

const { warehouseSteps: STEPS, stock: STOCK } = PARTNER_SCOPES;
type Caller = Pick<Principal, 'role' | 'regions' | 'purpose'>;

describe('who may record facts at a node', () => {
  it.each<[string, Caller, string | null, (typeof PARTNER_SCOPES)[keyof typeof PARTNER_SCOPES], boolean]>([
    ['an admin anywhere', { role: 'admin', regions: [] }, 'de', STEPS, true],
    ['a worker in their region', { role: 'warehouse', regions: ['cn'] }, 'cn', STEPS, true],
    ['a worker elsewhere', { role: 'warehouse', regions: ['cn'] }, 'de', STEPS, false],
    ['an operator in their region', { role: 'operator', regions: ['de'] }, 'de', STOCK, true],
    ['an operator elsewhere', { role: 'operator', regions: ['de'] }, 'cn', STOCK, false],
    ['a partner WMS with the scope, in its region', { role: 'service', regions: ['cn'], purpose: STEPS }, 'cn', STEPS, true],
    ['a partner WMS with the scope, another region', { role: 'service', regions: ['cn'], purpose: STEPS }, 'de', STEPS, false],
    ['a partner WMS with the other scope', { role: 'service', regions: ['cn'], purpose: STOCK }, 'cn', STEPS, false],
    ['a stock partner booking goods in', { role: 'service', regions: ['cn'], purpose: STOCK }, 'cn', STOCK, true],
    ['a service token without a purpose', { role: 'service', regions: ['cn'] }, 'cn', STEPS, false],
    ['a service token with a purpose but no regions', { role: 'service', regions: [], purpose: STEPS }, 'cn', STEPS, false],
    ['a scoped service token, unknown node (NOT_FOUND follows)', { role: 'service', regions: ['cn'], purpose: STEPS }, null, STEPS, true],
    ['an unscoped service token, unknown node', { role: 'service', regions: [] }, null, STEPS, false],
    ['a carrier', { role: 'carrier', regions: ['cn'] }, 'cn', STEPS, false],
    ['an auditor', { role: 'auditor', regions: [] }, 'cn', STOCK, false],
    ['a customer', { role: 'customer', regions: ['cn'] }, 'cn', STEPS, false],
  ])('%s', (_case, caller, region, scope, allowed) => {
    expect(decideNodeAction(caller, region, scope).allowed).toBe(allowed);
  });
});
