import { Directive, Field, ObjectType } from 'type-graphql';

/** Where a page ends and whether another follows; the same type in every subgraph. */
@Directive('@shareable')
@ObjectType('PageInfo', { description: 'Where a page of a connection ends, and whether another page follows.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'True when another page follows: pass `endCursor` as `after` to read it.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Opaque cursor of the last item of this page; null for an empty page.' })
  endCursor!: string | null;
}
