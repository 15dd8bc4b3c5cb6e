import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import { actorOf } from '@hub/shared/auth/principal';
import { assertMayWrite, canReadOrder, isRegionScoped } from '@hub/shared/auth/access';
import { ForbiddenError } from '@hub/shared/errors';
import type { RequestContext } from '@hub/shared/graphql/context';
import { loadBatched } from '@hub/shared/graphql/context';
import { OrderReference } from '@hub/shared/region/order-reference.type';
import { formatCarbonLabel, validateCarbonLabelFormat, type CarbonLabelFormat } from '@hub/shared/green/carbon-label';
import { CARBON_FACTOR_TABLES, CURRENT_CARBON_FACTORS, type CarbonFactorTable } from '@hub/shared/green/carbon-factors.table';
import { query, uuidList } from '../persistence/sql.js';
import type { ShipmentProgressService } from '../shipments/shipment-progress.service.js';
import type { WarehouseStep } from '../shipments/domain/shipment-progress.rules.js';
import { RefusedError } from '../user-error.js';
import { assertNodeAction } from '../access/node-access.js';
import { PARTNER_SCOPES } from '../access/node-access.rules.js';
import { orderCarbonOf, type ShipmentCarbonRow } from './carbon-view.js';
import {
  CarbonFactorTableView,
  CarbonLabelFormatSetInput,
  CarbonLabelFormatSetPayload,
  CarbonLabelFormatView,
  OrderCarbon,
  ShipmentStepRecordInput,
  ShipmentStepRecordPayload,
} from './green.types.js';

export interface GreenResolverDependencies {
  orm: MikroORM;
  progress: ShipmentProgressService;
}

interface FormatRow {
  region: string;
  locale: string;
  template: string;
  unit: 'g' | 'kg';
  maximum_fraction_digits: number;
}
const formatOf = (row: FormatRow): CarbonLabelFormat => ({
  locale: row.locale,
  template: row.template,
  unit: row.unit,
  maximumFractionDigits: row.maximum_fraction_digits,
});
const view = (row: FormatRow): CarbonLabelFormatView => ({ region: row.region, ...formatOf(row), sample: formatCarbonLabel(1_234, formatOf(row)) });

function factorTableView(table: CarbonFactorTable): CarbonFactorTableView {
  return {
    version: table.version,
    publishedOn: table.publishedOn,
    method: table.method,
    entries: [
      ...Object.entries(table.modes).flatMap(([mode, factor]) => [
        { subject: mode, value: `WTW ${factor.wtwGramsPerTonneKm} / TTW ${factor.ttwGramsPerTonneKm} g CO2e per t·km`, ...factor.intensitySource },
        { subject: `${mode} distance`, value: `great-circle km × ${factor.distance.multiplier} + ${factor.distance.addKm} km`, ...factor.distanceSource },
      ]),
      ...Object.entries(table.hubs).map(([hub, factor]) => ({
        subject: hub,
        value: `${factor.gramsPerTonne} g CO2e per tonne handled`,
        source: factor.source,
        status: factor.status,
      })),
      {
        subject: 'PACKAGING',
        value: `${table.packaging.corrugatedGramsPerGram} g CO2e per g of corrugated board`,
        source: table.packaging.source,
        status: table.packaging.status,
      },
      ...(table.consolidation
        ? [
            {
              subject: 'CONSOLIDATION',
              value: `last-mile van load factor × ${table.consolidation.vanLoadFactorGain} for consolidated (low-carbon) deliveries`,
              source: table.consolidation.source,
              status: table.consolidation.status,
            },
          ]
        : []),
    ],
  };
}

const assertRegion = (principal: RequestContext['principal'], region: string) => {
  if (isRegionScoped(principal) && !principal.regions.includes(region)) throw new ForbiddenError("Outside the caller's regions");
};

/** Carbon on orders, the regions' label formats, and the warehouse's steps on shipments. */
export function createGreenResolvers({ orm, progress }: GreenResolverDependencies) {
  @Resolver()
  class GreenResolver {
    @Authorized('operator', 'warehouse', 'admin', 'auditor', 'service', 'customer_service')
    @Query(() => [CarbonLabelFormatView], { description: 'How each region shows CO2e figures.' })
    async carbonLabelFormats(): Promise<CarbonLabelFormatView[]> {
      return (await query<FormatRow>(orm.em.fork(), `select * from carbon_label_format order by region`)).map(view);
    }

    @Authorized()
    @Query(() => CarbonFactorTableView, {
      nullable: true,
      description: 'An emission factor table with the source of every figure: the current one, or the version a shipment recorded.',
    })
    carbonFactorTable(
      @Arg('version', () => String, { nullable: true, description: 'A version recorded on a shipment; the current table when left out.' })
      version: string | null,
    ): CarbonFactorTableView | null {
      const table = version === null ? CURRENT_CARBON_FACTORS : CARBON_FACTOR_TABLES.find((candidate) => candidate.version === version);
      return table ? factorTableView(table) : null;
    }

    @Authorized('operator', 'admin')
    @Mutation(() => CarbonLabelFormatSetPayload, {
      description: "Sets a region's CO2e label (locale, unit, wording); applies to the next read of every order.",
    })
    async carbonLabelFormatSet(
      @Arg('input', () => CarbonLabelFormatSetInput, { description: 'The region and its format.' }) input: CarbonLabelFormatSetInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<CarbonLabelFormatSetPayload> {
      assertMayWrite(principal);
      assertRegion(principal, input.region);
      const format: CarbonLabelFormat = {
        locale: input.locale,
        template: input.template,
        unit: input.unit as 'g' | 'kg',
        maximumFractionDigits: input.maximumFractionDigits,
      };
      const problems = validateCarbonLabelFormat(format);
      if (problems.length > 0)
        return { format: null, userErrors: problems.map((problem) => ({ code: 'INVALID', field: ['input', problem.field], message: problem.message })) };
      const [row] = await query<FormatRow>(
        orm.em.fork(),
        `
        insert into carbon_label_format (region, locale, template, unit, maximum_fraction_digits, updated_by, updated_at) values (?, ?, ?, ?, ?, ?, now())
        on conflict (region) do update set locale = excluded.locale, template = excluded.template, unit = excluded.unit,
          maximum_fraction_digits = excluded.maximum_fraction_digits, updated_by = excluded.updated_by, updated_at = excluded.updated_at
        returning *`,
        [input.region, format.locale, format.template, format.unit, format.maximumFractionDigits, principal.subject],
      );
      return { format: view(row!), userErrors: [] };
    }

    @Authorized('warehouse', 'operator', 'admin', 'service')
    @Mutation(() => ShipmentStepRecordPayload, {
      description:
        'Records a warehouse step (picked, packed, handed to the carrier) with the worker as actor and the event time; reported to core once the whole order reached it. ' +
        'A partner WMS calls it with a service token whose purpose is fulfilment.warehouse-steps and whose regions include the node.',
    })
    async shipmentStepRecord(
      @Arg('input', () => ShipmentStepRecordInput, { description: 'The shipment, the step and when it happened.' }) input: ShipmentStepRecordInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<ShipmentStepRecordPayload> {
      assertMayWrite(principal);
      assertNodeAction(principal, await progress.regionOf(input.shipmentId), PARTNER_SCOPES.warehouseSteps);
      try {
        const result = await progress.record(
          {
            shipmentId: input.shipmentId,
            step: input.step as WarehouseStep,
            occurredAt: input.occurredAt ?? null,
            expectedVersion: input.expectedVersion ?? null,
          },
          actorOf(principal),
        );
        return { shipmentId: result.shipmentId, changed: result.changed, reportedToCore: result.reportedToCore, userErrors: [] };
      } catch (error) {
        if (error instanceof RefusedError) return { shipmentId: null, changed: false, reportedToCore: false, userErrors: error.refusals };
        throw error;
      }
    }
  }

  @Resolver(() => OrderReference)
  class OrderCarbonResolver {
    @FieldResolver(() => OrderCarbon, {
      nullable: true,
      description: "CO2e per shipment and in total (ISO 14083 / GLEC), with the label in the region's wording; null before allocation or when not readable.",
    })
    async carbon(@Root() order: OrderReference, @Ctx() context: RequestContext): Promise<OrderCarbon | null> {
      return loadBatched<string, OrderCarbon | null>(
        context,
        'fulfilment-carbon',
        async (ids) => {
          const em = orm.em.fork();
          const orders = await query<{ order_id: string; region: string; customer_ref: string }>(
            em,
            `select order_id, region, customer_ref from fulfilment_order where order_id = any(?::uuid[])`,
            [uuidList(ids)],
          );
          const readable = new Map(
            orders
              .filter((row) => canReadOrder(context.principal, { region: row.region, customerRef: row.customer_ref }))
              .map((row) => [row.order_id, row.region]),
          );
          const rows =
            readable.size === 0
              ? []
              : await query<ShipmentCarbonRow & { order_id: string }>(
                  em,
                  `
          select id, order_id, state, co2e_grams, co2e_ttw_grams, co2e_wtw_grams, co2e_operations_grams, co2e_packaging_grams, carbon_factor_version
            from shipment where order_id = any(?::uuid[]) order by created_at, id`,
                  [uuidList([...readable.keys()])],
                );
          const formats = new Map((await query<FormatRow>(em, `select * from carbon_label_format`)).map((row) => [row.region, formatOf(row)]));
          return ids.map((id) => {
            const region = readable.get(id);
            return region === undefined
              ? null
              : orderCarbonOf(
                  rows.filter((row) => row.order_id === id),
                  formats.get(region) ?? null,
                );
          });
        },
        order.id,
      );
    }
  }

  return [GreenResolver, OrderCarbonResolver] as const;
}
