import { OutboxEvent } from '@hub/shared/messaging/outbox-event.entity';
import { ProcessedMessage } from '@hub/shared/messaging/processed-message.entity';
import { AuditEntry } from '../audit/persistence/audit-entry.entity.js';
import { Order } from '../orders/persistence/order.entity.js';
import { OrderLine } from '../orders/persistence/order-line.entity.js';
import { OrderStatusChange } from '../orders/persistence/order-status-change.entity.js';
import { Region } from '../regions/persistence/region.entity.js';
import { SchemaSubmission } from '../registry/persistence/schema-submission.entity.js';
import { SubgraphRegistration } from '../registry/persistence/subgraph-registration.entity.js';
import { SupergraphRevision } from '../registry/persistence/supergraph-revision.entity.js';
import { ReconciliationFinding } from '../summaries/persistence/reconciliation-finding.entity.js';
import { RegionSummaryRecord } from '../summaries/persistence/region-summary.entity.js';

export const CORE_SCHEMA = 'core_orders';
export const coreEntities = [
  Order,
  OrderLine,
  OrderStatusChange,
  AuditEntry,
  Region,
  OutboxEvent,
  SubgraphRegistration,
  SchemaSubmission,
  SupergraphRevision,
  RegionSummaryRecord,
  ReconciliationFinding,
  ProcessedMessage,
];
