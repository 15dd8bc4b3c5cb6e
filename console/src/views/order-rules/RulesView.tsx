import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { href, navigate } from '../../app/router';
import { graphql } from '../../gql';
import type { RuleModule } from '../../gql/graphql';
import { humanise } from '../../ui/format';
import { problemsOf } from '../../ui/problems';
import { Loading, ProblemNotice, UserErrors } from '../../ui/ProblemNotice';
import { enumChoices, REGION_CHOICES, SelectField } from '../../ui/SelectField';
import { ModuleMap } from './ModuleMap';
import { RuleSetDetail } from './RuleSetDetail';

const RuleSetsQuery = graphql(`
  query ConsoleRuleSets($after: String) {
    ruleSets(first: 50, after: $after) {
      nodes {
        id
        key
        name
        module
        publication
        scope {
          region
          channel
          customerSegment
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
const CreateRuleSetMutation = graphql(`
  mutation ConsoleRuleSetCreate($input: CreateRuleSetInput!) {
    ruleSetCreate(input: $input) {
      ruleSet {
        id
        key
        name
        module
        publication
        scope {
          region
          channel
          customerSegment
        }
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

// The modules come from the API, so a module the hub adds (PRESALE, POINTS…) is offered without a console release.
const ModuleNamesQuery = graphql(`
  query ConsoleRuleModuleNames {
    ruleModules {
      module
      position
    }
  }
`);

/** Order rules: the module map, the rule sets, and one rule set's versions with their review steps. */
export default function RulesView({ ruleSetKey }: { ruleSetKey: string | undefined }) {
  const { data, loading, error, fetchMore } = useQuery(RuleSetsQuery);
  const sets = data?.ruleSets.nodes ?? [];
  const open = (key: string) => navigate(`/rules/${encodeURIComponent(key)}`);
  return (
    <section aria-labelledby="rules-title">
      <h1 id="rules-title">Order rules</h1>
      <ModuleMap onSelect={open} />
      <div className="card">
        <h2>Rule sets</h2>
        {loading && !data ? <Loading what="rule sets" /> : null}
        <ProblemNotice problems={problemsOf(error)} />
        {data && sets.length === 0 ? <p className="empty">No rule sets yet.</p> : null}
        {sets.length ? (
          <table className="data" data-testid="rule-sets">
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Name</th>
                <th scope="col">Module</th>
                <th scope="col">Scope</th>
                <th scope="col">Publication</th>
              </tr>
            </thead>
            <tbody>
              {sets.map((set) => (
                <tr key={set.id} aria-current={set.key === ruleSetKey ? 'true' : undefined}>
                  <td>
                    <a href={href(`/rules/${encodeURIComponent(set.key)}`)}>{set.key}</a>
                  </td>
                  <td>{set.name}</td>
                  <td>{humanise(set.module)}</td>
                  <td>{[set.scope.region?.toUpperCase(), set.scope.channel, set.scope.customerSegment].filter(Boolean).join(' · ') || 'everywhere'}</td>
                  <td>{set.publication}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {data?.ruleSets.pageInfo.hasNextPage ? (
          <button
            type="button"
            onClick={() =>
              void fetchMore({
                variables: { after: data.ruleSets.pageInfo.endCursor },
                updateQuery: (previous, { fetchMoreResult }) => ({
                  ruleSets: { ...fetchMoreResult.ruleSets, nodes: [...previous.ruleSets.nodes, ...fetchMoreResult.ruleSets.nodes] },
                }),
              })
            }
          >
            More rule sets
          </button>
        ) : null}
        <CreateRuleSetForm onCreated={open} />
      </div>
      {ruleSetKey ? <RuleSetDetail ruleSetKey={ruleSetKey} /> : <p className="hint">Pick a rule set to see its versions.</p>}
    </section>
  );
}

function CreateRuleSetForm({ onCreated }: { onCreated: (key: string) => void }) {
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [module, setModule] = useState<RuleModule>('PRICING');
  const [region, setRegion] = useState('');
  const [create, created] = useMutation(CreateRuleSetMutation, { refetchQueries: ['ConsoleRuleSets', 'ConsoleRuleModules'] });
  const modules = useQuery(ModuleNamesQuery);
  const moduleNames = [...(modules.data?.ruleModules ?? [])].sort((a, b) => a.position - b.position).map((info) => info.module);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await create({ variables: { input: { key: key.trim(), name: name.trim(), module, scope: region ? { region } : {} } } });
    const createdKey = result.data?.ruleSetCreate.ruleSet?.key;
    if (createdKey) onCreated(createdKey);
  };
  return (
    <details>
      <summary>New rule set</summary>
      <form className="filters" onSubmit={submit} aria-label="New rule set">
        <div>
          <label htmlFor="set-key">Key</label>
          <input id="set-key" value={key} onChange={(event) => setKey(event.target.value)} autoComplete="off" />
        </div>
        <div>
          <label htmlFor="set-name">Name</label>
          <input id="set-name" value={name} onChange={(event) => setName(event.target.value)} autoComplete="off" />
        </div>
        <SelectField
          id="set-module"
          label="Module"
          value={module}
          disabled={moduleNames.length === 0}
          choices={enumChoices(moduleNames)}
          onChange={setModule}
        />
        <SelectField id="set-region" label="Region" value={region} choices={[['', 'Every region'], ...REGION_CHOICES]} onChange={setRegion} />
        <ProblemNotice problems={problemsOf(modules.error)} compact />
        <button type="submit" disabled={created.loading || moduleNames.length === 0 || !key.trim() || !name.trim()}>
          Create rule set
        </button>
      </form>
      <UserErrors errors={created.data?.ruleSetCreate.userErrors} />
      <ProblemNotice problems={problemsOf(created.error)} compact />
    </details>
  );
}
