import { catalogueSubjectsFor } from '../catalogue/replication/catalogue-contracts.js';
import { fulfilmentSubjectsFor } from '../fulfilment/fulfilment-subjects.js';
import { trackingSubjectsFor } from '../notices/tracking-subjects.js';
import { rulesSubjectsFor } from '../rules/replication/rules-contracts.js';
import type { HubKind } from '../workspace/hub-workspaces.js';
import type { StreamSpec } from './streams.js';
import { subjectsFor } from './subjects.js';

/** A durable pull consumer a service reads through: its name and the one subject filter it is created with. */
export interface ConsumerUse {
  durable: string;
  filter: string;
}

/**
 * One stream as a service uses it. The owner declares it and may change its configuration; a user (a reader, or a
 * producer such as a region sending summaries) may only create it when it is missing, so that services can start
 * in any order; the owner's next start corrects any configuration a user created it with.
 */
export interface StreamUse {
  stream: string;
  role: 'owner' | 'user';
  consumers: ConsumerUse[];
}

/**
 * Which JetStream streams and consumers each service uses, from the same subject declarations the code uses. NATS
 * permissions are derived from it (nats-permissions.ts), and so is which streams a service declares at start-up:
 * a service that is not listed for a stream can neither read it through a consumer of its own, nor change, purge
 * or delete it. A new domain subgraph gets no JetStream until it is listed here.
 */
export function jetStreamUseOf(service: { name: string; kind: HubKind }, namespace: string): StreamUse[] {
  const core = subjectsFor(namespace);
  const tracking = trackingSubjectsFor(namespace);
  const catalogue = catalogueSubjectsFor(namespace);
  const rules = rulesSubjectsFor(namespace);
  const fulfilment = fulfilmentSubjectsFor(namespace);
  const orders = (consumer: ConsumerUse): StreamUse => ({ stream: core.ordersStream, role: 'user', consumers: [consumer] });
  switch (service.kind) {
    case 'gateway':
      return [];
    case 'core':
      return [
        { stream: core.ordersStream, role: 'owner', consumers: [] },
        { stream: core.summariesStream, role: 'owner', consumers: [{ durable: core.summaryConsumer, filter: core.summaries }] },
        { stream: core.approvalsStream, role: 'owner', consumers: [] },
      ];
    case 'region': {
      const code = service.name.replace(/^region-/, '');
      return [
        orders({ durable: core.regionConsumer(code), filter: core.ordersOfRegion(code) }),
        { stream: core.summariesStream, role: 'user', consumers: [] },
        { stream: tracking.trackingStream, role: 'user', consumers: [{ durable: tracking.noticeConsumer(code), filter: tracking.notices(code) }] },
        { stream: catalogue.stream, role: 'user', consumers: [{ durable: catalogue.replicaConsumer(service.name), filter: catalogue.all }] },
        { stream: rules.stream, role: 'user', consumers: [{ durable: rules.replicaConsumer(service.name), filter: rules.all }] },
      ];
    }
    case 'domain':
      switch (service.name) {
        case 'catalogue':
          // Catalogue prices quotes with the promotions in the rule book, which it follows like a region.
          return [
            { stream: catalogue.stream, role: 'owner', consumers: [] },
            { stream: rules.stream, role: 'user', consumers: [{ durable: rules.replicaConsumer(service.name), filter: rules.all }] },
          ];
        case 'order-rules':
          return [{ stream: rules.stream, role: 'owner', consumers: [] }, orders({ durable: rules.samplesConsumer, filter: core.orderPlaced('*') })];
        case 'fulfilment':
          // It weighs allocation with the order rules' allocation-weight module, from its own copy like a region's.
          return [
            { stream: fulfilment.stream, role: 'owner', consumers: [] },
            orders({ durable: fulfilment.ordersConsumer, filter: core.ordersAll }),
            { stream: rules.stream, role: 'user', consumers: [{ durable: rules.replicaConsumer(service.name), filter: rules.all }] },
          ];
        case 'tracking':
          return [
            {
              stream: tracking.carrierEventsStream,
              role: 'owner',
              consumers: [{ durable: tracking.carrierEventsConsumer, filter: tracking.carrierEventsAll }],
            },
            { stream: tracking.trackingStream, role: 'owner', consumers: [{ durable: tracking.disruptionsConsumer, filter: tracking.disruptions }] },
            orders({ durable: tracking.ordersConsumer, filter: core.ordersAll }),
          ];
        default:
          return [];
      }
  }
}

/**
 * The JetStream API subjects a service may publish to, for exactly its streams and consumers (nats-server 2.9 and
 * @nats-io/jetstream 3): account info; stream info and create (and update for the owner); for each consumer, create
 * with its own name and filter (`CONSUMER.CREATE.<stream>.<durable>.<filter>`, so it cannot widen its filter onto
 * another's subjects), info, pulling (`MSG.NEXT`) and acknowledging (`$JS.ACK.<stream>.<durable>.>`). Nobody gets
 * delete, purge, direct message reads, listing, or the older `DURABLE.CREATE` (which does not pin the filter).
 * A name that holds the `*` of a wildcard namespace (the development server's) becomes a `*` token. With `domain`
 * (`NATS_JS_DOMAIN`) the same rights also in the domain's API subjects; acknowledgements keep their subject (2.9 does not put the
 * domain into `$JS.ACK…`: checked through a leaf node in shared/test/nats-leaf.test.ts).
 */
export function jetStreamApiSubjects(uses: StreamUse[], domain?: string): string[] {
  if (uses.length === 0) return [];
  const subjects = new Set<string>();
  // In a JetStream domain a client sends its API calls as `$JS.<domain>.API.…` (a leaf node's clients must); the
  // centre's own clients keep `$JS.API.…`, which the centre also needs for the calls it maps from the domain.
  for (const api of domain ? ['$JS.API', `$JS.${domain}.API`] : ['$JS.API']) addApiSubjects(subjects, api, uses);
  return [...subjects];
}

function addApiSubjects(subjects: Set<string>, api: string, uses: StreamUse[]): void {
  const token = (name: string) => (name.includes('*') ? '*' : name);
  subjects.add(`${api}.INFO`);
  for (const { stream, role, consumers } of uses) {
    const s = token(stream);
    subjects.add(`${api}.STREAM.INFO.${s}`).add(`${api}.STREAM.CREATE.${s}`);
    if (role === 'owner') subjects.add(`${api}.STREAM.UPDATE.${s}`);
    for (const { durable, filter } of consumers) {
      const d = token(durable);
      subjects
        .add(filter === '>' ? `${api}.CONSUMER.CREATE.${s}.${d}` : `${api}.CONSUMER.CREATE.${s}.${d}.${filter}`)
        .add(`${api}.CONSUMER.INFO.${s}.${d}`)
        .add(`${api}.CONSUMER.MSG.NEXT.${s}.${d}`)
        .add(`$JS.ACK.${s}.${d}.>`);
    }
  }
}

/**
 * The specs of the streams `uses` involves, each with the service's role; without `uses`, all of them as owner. A
 * stream the service does not use is not declared: its permissions would refuse it.
 */
export function withRoles(specs: StreamSpec[], uses: StreamUse[] | undefined): StreamSpec[] {
  if (!uses) return specs;
  return specs.flatMap((spec) => {
    const role = streamRoleOf(uses, spec.name);
    return role ? [{ ...spec, role }] : [];
  });
}

/** How `service` uses `stream`, or undefined when it does not. */
export const streamRoleOf = (uses: StreamUse[], stream: string): StreamUse['role'] | undefined => uses.find((use) => use.stream === stream)?.role;
