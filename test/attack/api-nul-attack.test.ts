// U+0000 in any text argument. It is valid Unicode (JSON carries it as \u0000, GraphQL strings as
// "\u0000"), but PostgreSQL text cannot hold it: the query fails, and the api answered
// INTERNAL_SERVER_ERROR — an enterprise's `petition(id: "a\u0000b")` was enough. Enumerated from the
// schema, not picked: every root field with a String or ID argument, called validly (other arguments
// filled in) by the office, a department, an enterprise and an anonymous caller, once with the text
// in a variable and once written in the document.
// Expected: BAD_USER_INPUT naming the argument, never INTERNAL_SERVER_ERROR.
import { buildASTSchema, getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType, parse, type GraphQLArgument, type GraphQLField, type GraphQLInputType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTypeDefs } from '../../api/src/graphql/load-type-defs.ts';
import { DIALECTS } from '../helpers/api/test-database.ts';
import { startTestApi, stopTestApi, type GqlClient, type TestApi } from '../helpers/api/test-api.ts';

const NUL_TEXT = 'a\u0000b';
const schema = buildASTSchema(parse(loadTypeDefs().join('\n')));

/** A valid value of an argument's type; text is the NUL text. Undefined: no value can be written for it (an input object). */
function valueOf(type: GraphQLInputType, text: string): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    const item = valueOf(inner.ofType, text);
    return item === undefined ? undefined : [item];
  }
  const named = getNamedType(inner);
  if (isEnumType(named)) return named.getValues()[0]!.value ?? named.getValues()[0]!.name;
  if (isInputObjectType(named)) return undefined;
  if (isScalarType(named)) {
    switch (named.name) {
      case 'String':
      case 'ID':
        return text;
      case 'Int':
        return 1;
      case 'Float':
        return 1;
      case 'Boolean':
        return false;
      case 'Date':
        return '2026-11-30';
      case 'DateTime':
        return '2026-11-30T02:00:00.000Z';
    }
  }
  return undefined;
}

const isText = (t: GraphQLInputType) => ['String', 'ID'].includes(getNamedType(t).name);

interface Call {
  label: string;
  query: string;
  variables: Record<string, unknown>;
}

/** For each String/ID argument of each root field: the call with that argument (alone) holding NUL. */
function calls(): { calls: Call[]; skipped: string[] } {
  const out: Call[] = [];
  const skipped: string[] = [];
  for (const [op, root] of [['query', schema.getQueryType()!], ['mutation', schema.getMutationType()!]] as const) {
    for (const field of Object.values(root.getFields()) as Array<GraphQLField<unknown, unknown>>) {
      for (const target of field.args.filter((a) => isText(a.type))) {
        const args: Array<[GraphQLArgument, unknown]> = [];
        let ok = true;
        for (const a of field.args) {
          if (a !== target && !isNonNullType(a.type)) continue;
          const v = valueOf(a.type, a === target ? NUL_TEXT : 'x');
          if (v === undefined) ok = false;
          args.push([a, v]);
        }
        if (!ok) {
          skipped.push(`${field.name}(${target.name})`);
          continue;
        }
        const named = getNamedType(field.type);
        const selection = isScalarType(named) || isEnumType(named) ? '' : ' { __typename }';
        const decl = args.map(([a]) => `$${a.name}: ${a.type.toString()}`).join(', ');
        const use = args.map(([a]) => `${a.name}: $${a.name}`).join(', ');
        out.push({
          label: `${op} ${field.name}(${target.name}) [variable]`,
          query: `${op}(${decl}) { ${field.name}(${use})${selection} }`,
          variables: Object.fromEntries(args.map(([a, v]) => [a.name, v])),
        });
        // The same text written in the document: GraphQL's "\u0000" escape (enum values stay bare).
        const literal = (a: GraphQLArgument, v: unknown): string => {
          if (isEnumType(getNamedType(a.type))) return Array.isArray(v) ? `[${v.join(',')}]` : String(v);
          return JSON.stringify(v);
        };
        out.push({
          label: `${op} ${field.name}(${target.name}) [literal]`,
          query: `${op} { ${field.name}(${args.map(([a, v]) => `${a.name}: ${literal(a, v)}`).join(', ')})${selection} }`,
          variables: {},
        });
      }
    }
  }
  return { calls: out, skipped };
}

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.enabled)(`NUL in any text argument, every root field, every role [${dialect.name}]`, () => {
    let api: TestApi;
    let clients: Record<string, GqlClient>;
    beforeAll(async () => {
      api = await startTestApi(dialect.name);
      clients = {
        anonymous: api.anonymous(),
        // One role per access rule the resolvers apply first (office and hotline see every petition;
        // a department its own; the submitter its own): each reaches the database on its own fields.
        office: await api.as({ role: 'office', sub: 'nul-office' }),
        department: await api.as({ role: 'department', sub: 'nul-dept', department: 'finance' }),
        enterprise: await api.as({ role: 'enterprise', sub: 'nul-ent', uscc: '91330100799655058B' }),
      };
    }, 60_000);
    afterAll(async () => {
      if (api) await stopTestApi(api);
    });

    it('is refused as BAD_USER_INPUT, never an internal error', async () => {
      const { calls: all, skipped } = calls();
      // The enumeration reaches the fields that read the database by an id or a cursor.
      for (const f of ['petition(id) [variable]', 'markInboxRead(ids) [literal]', 'requeueNotification(id) [variable]', 'petitions(after) [variable]']) {
        expect(all.map((c) => c.label).some((l) => l.endsWith(f)), f).toBe(true);
      }
      // Arguments next to a required input object are reached by the resolvers' own input checks (not here).
      expect(skipped.length).toBeLessThan(all.length);
      const internal: string[] = [];
      const notRefused: string[] = [];
      const work = all.flatMap((c) => Object.entries(clients).map(([role, client]) => ({ c, role, client })));
      // Eight at a time: the cases are independent, and one by one they took 10 s on the loaded box.
      for (let i = 0; i < work.length; i += 8) {
        await Promise.all(
          work.slice(i, i + 8).map(async ({ c, role, client }) => {
            const r = await client.request(c.query, c.variables);
            const codes = (r.errors ?? []).map((e) => e.extensions?.code);
            if (codes.includes('INTERNAL_SERVER_ERROR')) internal.push(`${role}: ${c.label}`);
            else if (!codes.includes('BAD_USER_INPUT')) notRefused.push(`${role}: ${c.label} → ${JSON.stringify(codes)}`);
          }),
        );
      }
      expect(internal).toEqual([]);
      expect(notRefused).toEqual([]);
    }, 120_000);
  });
}
