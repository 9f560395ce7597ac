// Date (Asia/Shanghai calendar date) and DateTime (ISO instant) scalars.
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isIsoDate } from '../clock/shanghai-time.ts';

const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * A real instant: Date.parse rolls 2026-02-30 over to 03-02 and takes 24:00, so every part is
 * checked — a real calendar date, hour ≤ 23, minute and second ≤ 59, an offset within ±14:00.
 */
function isRealInstant(value: string): boolean {
  const m = ISO_INSTANT.exec(value);
  if (!m) return false;
  const [, date = '', hh = '', mi = '', ss = '0', oh = '0', om = '0'] = m;
  return isIsoDate(date) && Number(hh) <= 23 && Number(mi) <= 59 && Number(ss) <= 59 && Number(oh) <= 14 && Number(om) <= 59;
}

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) throw badInput('日期格式为 YYYY-MM-DD (Date must be a real YYYY-MM-DD date)');
  return value;
}

function parseDateTime(value: unknown): string {
  if (typeof value !== 'string' || !isRealInstant(value) || Number.isNaN(Date.parse(value))) {
    throw badInput('时间格式为 ISO 8601，含时区 (DateTime must be ISO 8601 with an offset, e.g. 2025-10-10T09:30:00+08:00)');
  }
  return new Date(value).toISOString();
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  serialize: (v) => parseDate(v),
  parseValue: parseDate,
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? parseDate(ast.value) : parseDate(null)),
});

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (v) => (v instanceof Date ? v.toISOString() : parseDateTime(v)),
  parseValue: parseDateTime,
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? parseDateTime(ast.value) : parseDateTime(null)),
});
