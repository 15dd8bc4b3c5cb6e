import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { ConsoleRuleModulesQuery } from '../../gql/graphql';
import { humanise } from '../../ui/format';
import { problemsOf } from '../../ui/problems';
import { Loading, ProblemNotice } from '../../ui/ProblemNotice';

const ModulesQuery = graphql(`
  query ConsoleRuleModules {
    ruleModules {
      module
      position
      reads
      dependsOn
      valueType
      requiredApprovals
      description
    }
    ruleSets(first: 100) {
      nodes {
        id
        key
        name
        module
        publication
      }
    }
  }
`);
const PublishedQuery = graphql(`
  query ConsoleRuleSetPublished($key: String!) {
    ruleSetVersions(first: 20, ruleSetKey: $key) {
      nodes {
        id
        number
        status
      }
    }
  }
`);

const BOX = { width: 150, height: 54, gap: 40, top: 56 };

/**
 * The placement pipeline as boxes in the order it runs, arrows for what each module depends on, and under
 * each box the rule sets plugged into it with the versions currently scheduled or in force.
 */
export function ModuleMap({ onSelect }: { onSelect: (key: string) => void }) {
  const { data, loading, error } = useQuery(ModulesQuery);
  if (loading && !data) return <Loading what="module map" />;
  const modules = [...(data?.ruleModules ?? [])].sort((a, b) => a.position - b.position);
  const sets = data?.ruleSets.nodes ?? [];
  const x = (index: number) => 10 + index * (BOX.width + BOX.gap);
  const indexOf = new Map(modules.map((module, index) => [module.module, index]));
  const width = x(modules.length) + 10;
  return (
    <section className="card" aria-labelledby="module-map-title" data-testid="module-map">
      <h2 id="module-map-title">Module map</h2>
      <ProblemNotice problems={problemsOf(error)} compact />
      <div className="module-map-scroll">
        <svg width={width} height={BOX.top + BOX.height + 10} role="img" aria-label="Placement pipeline: modules in the order they run">
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" fill="currentColor" />
            </marker>
          </defs>
          {modules.flatMap((module, index) =>
            module.dependsOn.map((dependency) => {
              const from = indexOf.get(dependency);
              if (from === undefined) return null;
              const adjacent = from === index - 1;
              const startX = x(from) + BOX.width;
              const endX = x(index);
              // Neighbours get a straight arrow; longer dependencies arc over the boxes between them.
              const lift = Math.max(6, BOX.top - 8 * (index - from));
              const path = adjacent
                ? `M${startX},${BOX.top + BOX.height / 2} L${endX},${BOX.top + BOX.height / 2}`
                : `M${x(from) + BOX.width / 2},${BOX.top} C${x(from) + BOX.width / 2},${lift} ${x(index) + BOX.width / 2},${lift} ${x(index) + BOX.width / 2},${BOX.top}`;
              return (
                <path
                  key={`${dependency}-${module.module}`}
                  d={path}
                  fill="none"
                  stroke="currentColor"
                  strokeOpacity={adjacent ? 0.8 : 0.35}
                  markerEnd="url(#arrow)"
                />
              );
            }),
          )}
          {modules.map((module, index) => (
            <g key={module.module} transform={`translate(${x(index)},${BOX.top})`}>
              <title>{module.description}</title>
              <rect width={BOX.width} height={BOX.height} rx="6" className="module-box" />
              <text x={BOX.width / 2} y={22} textAnchor="middle" className="module-name">
                {humanise(module.module)}
              </text>
              <text x={BOX.width / 2} y={40} textAnchor="middle" className="module-meta">
                reads {module.reads.join(', ')} · {module.requiredApprovals} approval{module.requiredApprovals > 1 ? 's' : ''}
              </text>
            </g>
          ))}
        </svg>
      </div>
      <ul className="module-plugs">
        {modules.map((module) => (
          <li key={module.module} data-testid={`module-${module.module}`}>
            <strong>{humanise(module.module)}</strong>
            {sets
              .filter((set) => set.module === module.module)
              .map((set) => (
                <PluggedSet key={set.key} set={set} onSelect={onSelect} />
              ))}
          </li>
        ))}
      </ul>
    </section>
  );
}

type PluggedRuleSet = ConsoleRuleModulesQuery['ruleSets']['nodes'][number];

function PluggedSet({ set, onSelect }: { set: PluggedRuleSet; onSelect: (key: string) => void }) {
  const { data } = useQuery(PublishedQuery, { variables: { key: set.key } });
  const live = (data?.ruleSetVersions.nodes ?? []).filter((version) => version.status === 'ACTIVE' || version.status === 'SCHEDULED');
  return (
    <button type="button" className="plug" onClick={() => onSelect(set.key)}>
      {set.key}
      {live.length ? ` · ${live.map((version) => `v${version.number} ${humanise(version.status).toLowerCase()}`).join(', ')}` : ' · nothing in force'}
    </button>
  );
}
