import type { IncomingMessage } from 'node:http';
import {
  GraphQLBoolean,
  GraphQLError,
  GraphQLID,
  GraphQLList,
  GraphQLNonNull,
  type GraphQLNullableType,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
} from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/http';
import type { Express } from 'express';
import type { NatsConnection } from '@nats-io/transport-node';
import { canReadOrder } from '@hub/shared/auth/access';
import type { JwtSettings } from '@hub/shared/auth/jwt';
import type { Principal } from '@hub/shared/auth/principal';
import { DomainError, ForbiddenError, NotFoundError } from '@hub/shared/errors';
import type { TrackingSubjects } from '@hub/shared/notices/tracking-subjects';
import { authenticate } from '@hub/shared/server/service-server';
import { journeyDisclosure } from '../journey/domain/journey-disclosure.js';
import { toShipmentView, type JourneyQuery } from '../journey/journey-query.js';

const nonNull = <T extends GraphQLNullableType>(type: T) => new GraphQLNonNull(type);

const JourneyShipment = new GraphQLObjectType({
  name: 'JourneyShipment',
  description: "A parcel's latest state, as much as the subscriber may see.",
  fields: {
    id: { type: nonNull(GraphQLID), description: 'Shipment id.' },
    carrierId: { type: nonNull(GraphQLString), description: 'Carrier id.' },
    trackingNumber: { type: nonNull(GraphQLString), description: 'Tracking number.' },
    lastKind: { type: GraphQLString, description: 'Latest step.' },
    lastEventAt: { type: GraphQLString, description: 'Time of the latest step (ISO 8601).', resolve: (s) => s.lastEventAt?.toISOString() ?? null },
    lastNodeId: { type: GraphQLString, description: 'Where (staff and VIP customers).' },
    eta: { type: GraphQLString, description: 'Predicted arrival (ISO 8601).', resolve: (s) => s.eta?.toISOString() ?? null },
    late: { type: nonNull(GraphQLBoolean), description: 'Predicted to miss its promise.' },
    delivered: { type: nonNull(GraphQLBoolean), description: 'Signed for or refused.' },
  },
});

const JourneyUpdate = new GraphQLObjectType({
  name: 'JourneyUpdate',
  description: "Sent when a subscription starts and whenever the order's journey changes; fetch `Order.tracking` for the steps.",
  fields: {
    orderId: { type: nonNull(GraphQLID), description: 'The order.' },
    shipments: { type: nonNull(new GraphQLList(nonNull(JourneyShipment))), description: 'Its parcels.' },
  },
});

type StreamContext = { principal: Principal } & Record<PropertyKey, unknown>;

/**
 * The live feed of an order's journey over GraphQL over Server-Sent Events, served by tracking itself because
 * Apollo Gateway cannot carry subscriptions. Authorised exactly like reading the order: same JWT, same rule.
 * Each change is announced on core NATS (`journey-changed.<orderId>`) by whichever instance stored it.
 */
export function buildJourneyStreamSchema(nc: NatsConnection, subjects: TrackingSubjects, query: JourneyQuery): GraphQLSchema {
  const snapshot = async (orderId: string, principal: Principal) => {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(orderId)) throw new DomainError('BAD_USER_INPUT', 'orderId is not an order id');
    const facts = (await query.trackedOrders([orderId])).get(orderId);
    if (!facts) throw new NotFoundError('Order', orderId);
    if (!canReadOrder(principal, facts)) throw new ForbiddenError("This order is outside the caller's scope");
    const viewer = journeyDisclosure(principal, facts.tier);
    const rows = (await query.shipmentsOfOrders([orderId])).get(orderId) ?? [];
    return { orderJourney: { orderId, shipments: rows.map((row) => toShipmentView(row, viewer, new Date())) } };
  };
  return new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: { ok: { type: GraphQLBoolean, description: 'Unused: this endpoint serves subscriptions.', resolve: () => true } },
    }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        orderJourney: {
          type: nonNull(JourneyUpdate),
          description: "The order's parcels now, then again after every change.",
          args: { orderId: { type: nonNull(GraphQLID), description: 'The order.' } },
          // Checked before the stream opens, so a refusal is an ordinary GraphQL error with its code.
          subscribe: async (_root, args: { orderId: string }, context: StreamContext) => {
            const first = await snapshot(args.orderId, context.principal).catch((error: unknown) => {
              if (error instanceof DomainError) throw new GraphQLError(error.message, { extensions: { code: error.code } });
              throw error;
            });
            const subscription = nc.subscribe(subjects.journeyChanged(args.orderId));
            return (async function* () {
              try {
                yield first;
                for await (const _ of subscription) yield await snapshot(args.orderId, context.principal);
              } finally {
                subscription.unsubscribe();
              }
            })();
          },
        },
      },
    }),
  });
}

/** Mounts `GET|POST /graphql/stream` (graphql-sse, distinct connections mode) behind the same bearer-token check as `/graphql`. */
export function mountJourneyStream(app: Express, schema: GraphQLSchema, jwt: JwtSettings): void {
  const handler = createHandler<StreamContext>({
    schema,
    authenticate: () => null,
    context: (req) => ({ principal: (req.raw as IncomingMessage & { principal: Principal }).principal }),
  });
  app.use('/graphql/stream', async (req, res) => {
    try {
      (req as unknown as { principal: Principal }).principal = await authenticate(jwt, req.headers.authorization);
    } catch {
      res.status(401).json({ errors: [{ message: 'A valid bearer token is required', extensions: { code: 'UNAUTHENTICATED' } }] });
      return;
    }
    await handler(req, res);
  });
}
