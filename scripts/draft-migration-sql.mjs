// Prints the CREATE statements MikroORM derives from compiled entities, as a starting point for a new
// migration: node scripts/draft-migration-sql.mjs <compiled module> <export> [schema]
// With no schema the statements are unqualified, as region migrations need (the migrator sets the search path).
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';

const [modulePath, exportName, schema] = process.argv.slice(2);
const module = await import(pathToFileURL(resolve(modulePath)).href);
const entities = [module[exportName]].flat();
const orm = await MikroORM.init({
  clientUrl: 'postgres://127.0.0.1/draft',
  schema: schema ?? 'draft_schema',
  entities,
  connect: false,
  discovery: { warnWhenNoEntities: false, checkDuplicateEntities: false },
});
const sql = await orm.schema.getCreateSchemaSQL({ wrap: false });
const statements = sql.split('\n').filter((line) => line.trim() && !line.startsWith('create schema'));
console.log(statements.map((line) => (schema ? line : line.replaceAll('"draft_schema".', ''))).join('\n'));
