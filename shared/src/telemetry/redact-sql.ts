/**
 * The SQL text a span may keep: MikroORM writes values into the statement itself (`values ('王芳', …)`), so every
 * string and number literal is replaced by `?`; identifiers, keywords and `$1` placeholders stay, which is what
 * tells one query from another. Personal data stays out of exported traces as it stays out of logs.
 */
export function redactSqlLiterals(sql: string): string {
  return sql.replace(/(?:[Ee])?'(?:[^']|'')*'/g, '?').replace(/(?<![\w$."])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w"])/g, '?');
}
