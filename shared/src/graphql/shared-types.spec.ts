import 'reflect-metadata';
import { Arg, Args, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { composeSupergraph } from '../federation/composition.js';
import { NotFoundError } from '../errors.js';
import { ConnectionArgs, connectionFromSorted, connectionType } from './connection.js';
import { buildFederatedSchema } from './subgraph-schema.js';
import { MutationPayload, withUserErrors } from './user-error.js';

/** Two subgraphs that both declare UserError, UserErrorCode and PageInfo must compose without hints. */
function subgraph(prefix: string) {
  @ObjectType(`${prefix}Thing`, { description: 'A thing.' })
  class Thing {
    @Field(() => ID, { description: 'Its id.' }) id!: string;
  }
  const ThingConnection = connectionType(Thing, `${prefix}Thing`);

  @ObjectType(`${prefix}ThingRenamePayload`, { description: 'What renaming answers.' })
  class RenamePayload extends MutationPayload {
    @Field(() => Thing, { nullable: true, description: 'The renamed thing.' }) thing?: Thing;
  }

  @Resolver()
  class ThingResolver {
    @Query(() => ThingConnection, { name: `${prefix.toLowerCase()}Things`, description: 'Every thing.' })
    things(@Args(() => ConnectionArgs) args: ConnectionArgs) {
      return connectionFromSorted([{ id: 'a' }], args, (thing) => [thing.id]);
    }

    @Mutation(() => RenamePayload, { name: `${prefix.toLowerCase()}ThingRename`, description: 'Renames a thing.' })
    rename(@Arg('id', () => ID, { description: 'Which thing.' }) id: string) {
      return withUserErrors(async () => {
        if (id !== 'a') throw new NotFoundError('Thing', id);
        return { thing: { id } };
      }, 'id');
    }
  }
  return buildFederatedSchema({ resolvers: [ThingResolver] });
}

it('composes two subgraphs that share UserError and PageInfo', async () => {
  const [one, two] = await Promise.all([subgraph('One'), subgraph('Two')]);
  expect(one.sdl).toMatch(/type UserError @shareable/);
  expect(one.sdl).toMatch(/type PageInfo @shareable/);
  const supergraph = composeSupergraph([
    { name: 'one', url: 'http://127.0.0.1:1/graphql', sdl: one.sdl },
    { name: 'two', url: 'http://127.0.0.1:2/graphql', sdl: two.sdl },
  ]);
  expect(supergraph).toContain('enum UserErrorCode');
  expect(supergraph).toContain('type OneThingRenamePayload');
});
