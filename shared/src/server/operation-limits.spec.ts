import { buildSchema, parse, validate } from 'graphql';
import { operationLimitRules, type OperationLimits } from './operation-limits.js';
import { findUnacceptableText } from './request-guards.js';

const schema = buildSchema('type Query { node: Node, name: String } type Node { child: Node, name: String }');
const limits: OperationLimits = { depth: 5, aliases: 2, directives: 2, tokens: 1000, fragments: 2, cost: 25, stringLength: 10 };
const codesOf = (query: string) => validate(schema, parse(query), operationLimitRules(limits)).map((error) => error.extensions.limit);

describe('operation limits', () => {
  it.each([
    ['an ordinary query', '{ node { name } }', []],
    ['depth', '{ node { child { child { child { child { name } } } } } }', [{ name: 'depth', max: 5 }]],
    ['aliases', '{ a: name b: name c: name }', [{ name: 'aliases', max: 2 }]],
    ['directives', '{ name @include(if: true) @skip(if: false) node @include(if: true) { name } }', [{ name: 'directives', max: 2 }]],
    ['fragments', '{ ...a ...b ...c } fragment a on Query { name } fragment b on Query { name } fragment c on Query { name }', [{ name: 'fragments', max: 2 }]],
  ])('%s', (_name, query, expected) => {
    const limitsHit = codesOf(query);
    expect(limitsHit).toEqual(expect.arrayContaining(expected));
    if (expected.length === 0) expect(limitsHit).toEqual([]);
  });
});

describe('input text', () => {
  it.each([
    ['clean input', { input: { name: 'Tea', lines: [{ name: 'Mug' }] } }, undefined],
    ['a NUL byte', { input: { lines: [{ name: 'a\u0000' }] } }, { path: 'input.lines.0.name', problem: 'control-character' }],
    ['an escape sequence', { input: { note: '\u001b[2J' } }, { path: 'input.note', problem: 'control-character' }],
    ['tabs and new lines', { input: { note: 'a\tb\r\nc' } }, undefined],
    ['an overlong string', { n: 'x'.repeat(11) }, { path: 'n', problem: 'too-long' }],
    ['a control character in a key', { input: { 'a\u0007': 1 } }, { path: 'input.…', problem: 'control-character' }],
  ])('%s', (_name, variables, expected) => {
    expect(findUnacceptableText(variables, undefined, 10)).toEqual(expected);
  });

  it('finds literals in the document, named by their argument', () => {
    expect(findUnacceptableText({}, parse('{ order(id: "a\\u0000b") { id } }'), 10)).toEqual({ path: 'id', problem: 'control-character' });
  });

  it("keeps a document's verdict for the next request with it, under the same limit only, and still checks the variables", () => {
    const document = parse('{ order(id: "abcdefghijkl") { id } }');
    expect(findUnacceptableText({}, document, 10)).toEqual({ path: 'id', problem: 'too-long' });
    expect(findUnacceptableText({}, document, 10)).toEqual({ path: 'id', problem: 'too-long' });
    expect(findUnacceptableText({}, document, 20)).toBeUndefined();
    expect(findUnacceptableText({ n: '\u0000' }, document, 20)).toEqual({ path: 'n', problem: 'control-character' });
  });
});
