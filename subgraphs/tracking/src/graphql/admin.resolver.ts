import { Arg, Authorized, Ctx, GraphQLISODateTime, Mutation, Query, Resolver } from 'type-graphql';
import type pg from 'pg';
import { readableRegions } from '@hub/shared/auth/access';
import { ForbiddenError, InputValidationError } from '@hub/shared/errors';
import type { RequestContext } from '@hub/shared/graphql/context';
import { batchProgress } from '../b2b/batch-progress.query.js';
import { disruptionSchema, recordDisruption } from '../disruptions/disruption.service.js';
import { journeyDisclosure } from '../journey/domain/journey-disclosure.js';
import { toShipmentView, type JourneyQuery } from '../journey/journey-query.js';
import type { ShipmentRegistrationService } from '../shipments/shipment-registration.service.js';
import { ShipmentRegisterInput, DisruptionReportInput, CustomerTierSetInput } from './tracking.inputs.js';
import { BatchProgressCellView, CustomerTierSetPayload, DisruptionReportPayload, ShipmentRegisterPayload } from './tracking.types.js';
import { userError } from './user-errors.js';

const MAX_HEATMAP_MS = 7 * 86_400_000;

export function createAdminResolvers(pool: pg.Pool, query: JourneyQuery, registration: ShipmentRegistrationService) {
  @Resolver()
  class TrackingAdminResolver {
    @Authorized('admin', 'operator', 'warehouse', 'service')
    @Mutation(() => ShipmentRegisterPayload, { description: 'Register a parcel handed to a carrier; events that arrived before it join its journey.' })
    async shipmentRegister(
      @Arg('input', () => ShipmentRegisterInput, { description: 'The parcel to follow: order, carrier, tracking number, route and promised time.' })
      input: ShipmentRegisterInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<ShipmentRegisterPayload> {
      const result = await registration.register(principal, input);
      if (!result.shipmentId) return { shipment: null, matchedParkedEvents: 0, userErrors: result.userErrors };
      const row = (await query.shipmentsOfOrders([input.orderId])).get(input.orderId)?.find((shipment) => shipment.id === result.shipmentId);
      return {
        shipment: row ? toShipmentView(row, journeyDisclosure(principal, 'VIP'), new Date()) : null,
        matchedParkedEvents: result.matched,
        userErrors: [],
      };
    }

    @Authorized('admin', 'operator', 'customer_service')
    @Mutation(() => CustomerTierSetPayload, { description: 'Set how much a customer hears about their parcels (ORDINARY, VIP, B2B).' })
    async customerTierSet(
      @Arg('input', () => CustomerTierSetInput, { description: 'The customer reference and the notice tier it gets.' }) input: CustomerTierSetInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<CustomerTierSetPayload> {
      if (!/^[A-Za-z0-9._:@-]{1,200}$/.test(input.customerRef))
        return { tier: null, userErrors: [userError('INVALID', 'customerRef is not a customer reference', ['input', 'customerRef'])] };
      await pool.query(
        `insert into "tracking".customer_tier (customer_ref, tier, updated_at, updated_by) values ($1, $2, now(), $3)
        on conflict (customer_ref) do update set tier = excluded.tier, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        [input.customerRef, input.tier, principal.subject],
      );
      return { tier: input.tier, userErrors: [] };
    }

    @Authorized('admin', 'operator', 'service')
    @Mutation(() => DisruptionReportPayload, { description: 'Report weather, traffic or a hub closure; ETAs of parcels on it are re-checked.' })
    async disruptionReport(
      @Arg('input', () => DisruptionReportInput, { description: 'Where and when the disruption applies, and how much it slows parcels.' })
      input: DisruptionReportInput,
    ): Promise<DisruptionReportPayload> {
      const parsed = disruptionSchema.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return { disruptionId: null, shipmentsToRecheck: 0, userErrors: [userError('INVALID', issue.message, ['input', ...issue.path.map(String)])] };
      }
      const shipmentsToRecheck = await recordDisruption(pool, parsed.data, new Date());
      return { disruptionId: parsed.data.id, shipmentsToRecheck, userErrors: [] };
    }

    @Authorized('customer', 'admin', 'auditor', 'operator', 'customer_service')
    @Query(() => [BatchProgressCellView], {
      description:
        "For a B2B customer's orders: counts per region × status × hour (UTC) in a window of at most 7 days. Customers may ask only about themselves.",
    })
    async b2bBatchProgress(
      @Arg('customerRef', () => String, { description: 'Pseudonymous customer reference.' }) customerRef: string,
      @Arg('from', () => GraphQLISODateTime, { description: 'Window start.', validate: false }) from: Date,
      @Arg('to', () => GraphQLISODateTime, { description: 'Window end (exclusive).', validate: false }) to: Date,
      @Ctx() { principal }: RequestContext,
    ): Promise<BatchProgressCellView[]> {
      if (principal.role === 'customer' && principal.subject !== customerRef) throw new ForbiddenError('Customers see only their own orders');
      if (to.getTime() <= from.getTime() || to.getTime() - from.getTime() > MAX_HEATMAP_MS)
        throw new InputValidationError('to', 'The window must be positive and at most 7 days');
      return batchProgress(pool, customerRef, from, to, principal.role === 'customer' ? undefined : readableRegions(principal));
    }
  }
  return [TrackingAdminResolver] as const;
}
