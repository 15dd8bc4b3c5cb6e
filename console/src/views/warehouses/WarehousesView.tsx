import { useMutation, useQuery } from '@apollo/client/react';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { graphql } from '../../gql';
import type { FulfilmentNodeStatus } from '../../gql/graphql';
import { formatTime, humanise } from '../../ui/format';
import { problemsOf } from '../../ui/problems';
import { Loading, ProblemNotice, UserErrors } from '../../ui/ProblemNotice';
import { REGION_CHOICES, SelectField } from '../../ui/SelectField';

const NodesQuery = graphql(`
  query ConsoleNodes($region: String) {
    fulfilmentNodes(region: $region) {
      id
      name
      kind
      region
      zone
      dailyCapacity
      usedToday
      status
      statusReason
      statusChangedAt
      version
    }
  }
`);
const StockQuery = graphql(`
  query ConsoleStock($sku: String!) {
    stockLevels(sku: $sku) {
      id
      sku
      nodeId
      onHand
      reserved
      available
      inbound
    }
  }
`);
const NodeStatusMutation = graphql(`
  mutation ConsoleNodeStatus($input: NodeStatusChangeInput!) {
    nodeStatusChange(input: $input) {
      node {
        id
        status
        statusReason
        statusChangedAt
        version
      }
      reallocationJob {
        id
        nodeId
        state
        affected
        processed
        reallocated
        backordered
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);
const ReallocationQuery = graphql(`
  query ConsoleReallocation($id: ID!) {
    reallocationJob(id: $id) {
      id
      nodeId
      state
      affected
      processed
      reallocated
      backordered
    }
  }
`);

export default function WarehousesView() {
  const [region, setRegion] = useState('');
  const [sku, setSku] = useState('TEA-LJ-250');
  const [skuInput, setSkuInput] = useState(sku);
  const [jobId, setJobId] = useState<string | null>(null);
  const nodes = useQuery(NodesQuery, { variables: region ? { region } : {} });
  const stock = useQuery(StockQuery, { variables: { sku } });
  const { refetch: refetchNodes } = nodes;
  const { refetch: refetchStock } = stock;
  const refresh = useCallback(() => void Promise.all([refetchNodes(), refetchStock()]), [refetchNodes, refetchStock]);
  const stockByNode = new Map((stock.data?.stockLevels ?? []).map((level) => [level.nodeId, level]));

  const chooseSku = (event: FormEvent) => {
    event.preventDefault();
    setSku(skuInput.trim());
  };

  return (
    <section aria-labelledby="warehouses-title">
      <h1 id="warehouses-title">Warehouses</h1>
      <form className="filters" onSubmit={chooseSku} aria-label="Choose region and SKU">
        <SelectField id="wh-region" label="Region" value={region} choices={[['', 'All'], ...REGION_CHOICES]} onChange={setRegion} />
        <div>
          <label htmlFor="wh-sku">Stock of SKU</label>
          <input id="wh-sku" value={skuInput} onChange={(event) => setSkuInput(event.target.value)} autoComplete="off" />
        </div>
        <button type="submit">Show stock</button>
      </form>
      {nodes.loading && !nodes.data ? <Loading what="warehouses" /> : null}
      <ProblemNotice problems={[...problemsOf(nodes.error), ...problemsOf(stock.error)]} />
      {jobId ? <ReallocationProgress key={jobId} id={jobId} onDone={refresh} /> : null}
      {nodes.data ? (
        <div className="table-wrap">
          <table className="data" data-testid="nodes-table">
            <caption className="sr-only">Fulfilment nodes with stock of {sku}</caption>
            <thead>
              <tr>
                <th scope="col">Node</th>
                <th scope="col">Kind</th>
                <th scope="col">Region</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Used today
                </th>
                <th scope="col" className="num">
                  On hand
                </th>
                <th scope="col" className="num">
                  Reserved
                </th>
                <th scope="col" className="num">
                  Available
                </th>
                <th scope="col" className="num">
                  Inbound
                </th>
                <th scope="col">Change status</th>
              </tr>
            </thead>
            <tbody>
              {nodes.data.fulfilmentNodes.map((node) => {
                const level = stockByNode.get(node.id);
                return (
                  <tr key={node.id} data-node={node.id}>
                    <th scope="row">
                      {node.name}
                      <br />
                      <code className="meta">{node.id}</code>
                    </th>
                    <td>{humanise(node.kind)}</td>
                    <td>
                      {node.region.toUpperCase()} · {node.zone}
                    </td>
                    <td>
                      <span className={`health health-${node.status.toLowerCase()}`} data-testid={`status-${node.id}`}>
                        {node.status}
                      </span>
                      {node.statusReason ? (
                        <div className="meta">
                          {node.statusReason} · {formatTime(node.statusChangedAt)}
                        </div>
                      ) : null}
                    </td>
                    <td className="num">
                      {node.usedToday} / {node.dailyCapacity}
                    </td>
                    <td className="num">{level?.onHand ?? '—'}</td>
                    <td className="num">{level?.reserved ?? '—'}</td>
                    <td className="num">{level?.available ?? '—'}</td>
                    <td className="num">{level?.inbound ?? '—'}</td>
                    <td>
                      <NodeStatusForm key={`${node.id}-${node.status}`} node={node} onJob={setJobId} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function NodeStatusForm({ node, onJob }: { node: { id: string; name: string; status: FulfilmentNodeStatus; version: number }; onJob: (id: string) => void }) {
  const [status, setStatus] = useState<FulfilmentNodeStatus>(node.status === 'DOWN' ? 'UP' : 'DOWN');
  const [reason, setReason] = useState('');
  const [change, { data, loading, error }] = useMutation(NodeStatusMutation);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await change({
      variables: { input: { nodeId: node.id, status, reason: reason.trim() || `Set ${status.toLowerCase()} from the console`, expectedVersion: node.version } },
    });
    const job = result.data?.nodeStatusChange.reallocationJob;
    if (job) onJob(job.id);
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label={`Change status of ${node.name}`}>
      <label className="sr-only" htmlFor={`status-${node.id}-select`}>
        New status of {node.name}
      </label>
      <select id={`status-${node.id}-select`} value={status} onChange={(event) => setStatus(event.target.value as FulfilmentNodeStatus)}>
        <option value="UP">Up</option>
        <option value="DEGRADED">Degraded</option>
        <option value="DOWN">Down</option>
      </select>
      <label className="sr-only" htmlFor={`status-${node.id}-reason`}>
        Reason
      </label>
      <input id={`status-${node.id}-reason`} placeholder="Reason" value={reason} onChange={(event) => setReason(event.target.value)} size={12} />
      <button type="submit" disabled={loading}>
        {loading ? 'Saving…' : 'Set'}
      </button>
      <UserErrors errors={data?.nodeStatusChange.userErrors} />
      <ProblemNotice problems={problemsOf(error)} compact />
    </form>
  );
}

/** Follows the re-allocation that marking a node down started, until every affected shipment has moved. */
function ReallocationProgress({ id, onDone }: { id: string; onDone: () => void }) {
  const { data, error, stopPolling } = useQuery(ReallocationQuery, { variables: { id }, pollInterval: 500 });
  const job = data?.reallocationJob;
  const finished = job?.state === 'DONE';
  useEffect(() => {
    if (!finished) return;
    stopPolling();
    onDone();
  }, [finished, stopPolling, onDone]);
  return (
    <div className="card" role="status" aria-live="polite" data-testid="reallocation">
      <h2>Re-allocation {job ? `from ${job.nodeId}` : ''}</h2>
      <ProblemNotice problems={problemsOf(error)} compact />
      {job ? (
        <>
          <progress max={Math.max(job.affected, 1)} value={job.processed} aria-label="Shipments re-allocated" />
          <p data-testid="reallocation-state">
            {humanise(job.state)}: {job.processed} of {job.affected} shipments processed, {job.reallocated} re-allocated, {job.backordered} backordered.
          </p>
        </>
      ) : (
        <Loading what="re-allocation" />
      )}
    </div>
  );
}
