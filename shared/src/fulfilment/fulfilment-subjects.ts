/**
 * Fulfilment's own subjects (partner API v1, see the README). The version token lets a v2 payload run
 * beside v1 while partners migrate.
 */
export function fulfilmentSubjectsFor(namespace: string) {
  return {
    stream: `${namespace.toUpperCase()}_FULFILMENT`,
    all: `${namespace}.fulfilment.v1.>`,
    /** Shipments planned for an order (allocation or re-allocation): WMS/TMS partners pick from these. */
    shipmentsPlanned: (region: string) => `${namespace}.fulfilment.v1.shipments-planned.${region}`,
    /** A customer's delivery promise changed; the notification service tells the customer. */
    customerNotice: (region: string) => `${namespace}.fulfilment.v1.customer-notice.${region}`,
    nodeStatusChanged: (nodeId: string) => `${namespace}.fulfilment.v1.node-status.${nodeId}`,
    /** Request/reply for partner WMS: a stock receipt or count at a node. */
    stockReport: `${namespace}.fulfilment.v1.wms.stock-report`,
    /** Request/reply for partner WMS: a shipment moved (PICKED, PACKED, OUTBOUND). */
    shipmentProgress: `${namespace}.fulfilment.v1.wms.shipment-progress`,
    /** Durable consumer of core's order events. */
    ordersConsumer: `${namespace}-fulfilment-orders`,
  };
}
export type FulfilmentSubjects = ReturnType<typeof fulfilmentSubjectsFor>;
