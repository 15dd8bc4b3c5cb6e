import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { findBreakingChanges as graphqlBreakingChanges, parse } from 'graphql';
import { compareText } from '../compare-text.js';
import { discoverHubServices } from '../workspace/hub-workspaces.js';

export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

/**
 * Composition hints we have read and accept. Anything else fails the build, so a subgraph change that
 * makes composition guess cannot slip in unnoticed.
 */
export const ACCEPTED_HINT_CODES = new Set<string>([]);

export class CompositionError extends Error {
  constructor(readonly problems: string[]) {
    super(`Supergraph composition failed:\n  ${problems.join('\n  ')}`);
    this.name = 'CompositionError';
  }
}

/** Composes the supergraph with Apollo's composition library; errors and unaccepted hints throw. */
export function composeSupergraph(subgraphs: SubgraphSource[]): string {
  const result = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors) throw new CompositionError(result.errors.map((error) => error.message));
  const unaccepted = result.hints.filter((hint) => !ACCEPTED_HINT_CODES.has(hint.definition.code));
  if (unaccepted.length > 0) throw new CompositionError(unaccepted.map((hint) => `hint ${hint.definition.code}: ${hint.message}`));
  return result.supergraphSdl;
}

/**
 * Changes in a subgraph's new schema that can break clients already using the old one (a removed field,
 * a changed type, a new required argument…), as graphql-js defines them.
 */
export function findBreakingChanges(previousSdl: string, nextSdl: string): string[] {
  const toSchema = (sdl: string) => buildSubgraphSchema([{ typeDefs: parse(sdl) }]);
  return graphqlBreakingChanges(toSchema(previousSdl), toSchema(nextSdl)).map((change) => `${change.type}: ${change.description}`);
}

/**
 * Finds every subgraph of the repository: a workspace whose package.json declares `hub.subgraph` and
 * `hub.routingUrl`, with its SDL in `schema.graphql`. A new subgraph is picked up without any change here.
 */
export async function discoverSubgraphs(root?: string): Promise<SubgraphSource[]> {
  const services = discoverHubServices(root).flatMap(({ dir, subgraph }) => (subgraph ? [{ dir, ...subgraph }] : []));
  const sources = await Promise.all(
    services.map(async ({ dir, name, routingUrl }) => ({ name, url: routingUrl, sdl: await readFile(join(dir, 'schema.graphql'), 'utf8') })),
  );
  return sources.sort((a, b) => compareText(a.name, b.name));
}
