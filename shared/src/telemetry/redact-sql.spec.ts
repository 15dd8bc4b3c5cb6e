import { redactSqlLiterals } from './redact-sql.js';

describe('redactSqlLiterals', () => {
  it.each([
    ['insert into "c" ("name", "phone") values (\'王芳\', \'13912345678\')', 'insert into "c" ("name", "phone") values (?, ?)'],
    ["select * from t where note = 'it''s O''Brien' limit 1", 'select * from t where note = ? limit ?'],
    ['update "r0" set v = 12.5, w = -3 where "r0"."id" = \'1\'', 'update "r0" set v = ?, w = ? where "r0"."id" = ?'],
    ['select "o0".* from "core_orders"."order" as "o0" where "o0"."id" = $1', 'select "o0".* from "core_orders"."order" as "o0" where "o0"."id" = $1'],
    ['insert into t (body) values (\'{"name":"王芳","lines":[1,2]}\')', 'insert into t (body) values (?)'],
    ["select E'a\\nb', x1, t2.col3 from t2", 'select ?, x1, t2.col3 from t2'],
    ['begin', 'begin'],
  ])('%s', (sql, expected) => {
    expect(redactSqlLiterals(sql)).toBe(expected);
  });
});
