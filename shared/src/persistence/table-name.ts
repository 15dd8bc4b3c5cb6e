import type { EntityManager, EntityName } from '@mikro-orm/postgresql';

/** An entity's table, schema-qualified as the ORM addresses it for this entity manager, for statements written by hand. */
export function tableOf<T extends object>(em: EntityManager, entity: EntityName<T>): string {
  const { schema, tableName } = em.getMetadata(entity);
  const platform = em.getPlatform();
  const resolved = (schema && schema !== '*' ? schema : undefined) ?? em.schema ?? em.config.getSchema(true);
  return resolved && resolved !== platform.getDefaultSchemaName()
    ? `${platform.quoteIdentifier(resolved)}.${platform.quoteIdentifier(tableName)}`
    : platform.quoteIdentifier(tableName);
}
