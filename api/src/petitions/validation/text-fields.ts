// Field rules for every text an enterprise or staff member types. Each failure names the field
// (the zod path) and says in Chinese what is wrong, with English for developers.
import { z } from 'zod';

/** C0/C1 control characters; multi-line texts may keep tab, line feed and carriage return. */
// Matching control characters is the point of these two patterns.
// eslint-disable-next-line no-control-regex
const CONTROL_ANY = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
// eslint-disable-next-line no-control-regex
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/**
 * Invisible format characters (Unicode category Cf): bidi embeddings, overrides and isolates
 * (U+202A–202E, U+2066–2069, U+200E/F, U+061C), zero-width space/joiners (U+200B–200D, U+2060),
 * the BOM (U+FEFF), soft hyphen … They make a text read differently from what is stored.
 */
const FORMAT_CONTROL = /\p{Cf}/u;
/** In a `u` pattern a surrogate half that is not part of a pair is its own code point, category Cs. */
const LONE_SURROGATE = /\p{Cs}/u;
/** Noncharacters (U+FDD0–FDEF, U+xFFFE/xFFFF) are not for interchange. */
const NONCHARACTER = /\p{Noncharacter_Code_Point}/u;

function charCount(s: string): number {
  return [...s].length;
}

/**
 * Texts are stored as typed and escaped where they are rendered (the report's HTML escapes every
 * text; JSON needs nothing), so `x<y` or `<b>` is ordinary text. Refused: controls and invalid Unicode.
 */
function text(label: string, max: number, multiLine: boolean) {
  const control = multiLine ? CONTROL_MULTILINE : CONTROL_ANY;
  return z
    .string()
    .refine((s) => !LONE_SURROGATE.test(s), `${label}含有无效的 Unicode 字符 (lone surrogates are not valid Unicode)`)
    .refine((s) => !NONCHARACTER.test(s), `${label}含有无效的 Unicode 字符 (noncharacters are not allowed)`)
    .refine((s) => !control.test(s), `${label}含有控制字符 (control characters are not allowed)`)
    .refine((s) => !FORMAT_CONTROL.test(s), `${label}含有不可见的格式控制字符 (bidi and zero-width controls are not allowed)`)
    .transform((s) => s.trim())
    .refine((s) => s.length > 0, `${label}不能为空 (must not be empty)`)
    .refine((s) => charCount(s) <= max, `${label}不能超过 ${max} 个字符 (at most ${max} characters)`);
}

/** A one-line text: names, titles, reasons. */
export function singleLine(label: string, max: number) {
  return text(label, max, false);
}

/** A multi-line text: petition content, answers, explanations. */
export function multiLine(label: string, max: number) {
  return text(label, max, true);
}

/** null/undefined/blank → null, otherwise the rules of singleLine. */
export function optionalSingleLine(label: string, max: number) {
  return z
    .string()
    .nullish()
    .transform((s) => (s === undefined || s === null || s.trim() === '' ? null : s))
    .pipe(singleLine(label, max).nullable());
}

export function optionalMultiLine(label: string, max: number) {
  return z
    .string()
    .nullish()
    .transform((s) => (s === undefined || s === null || s.trim() === '' ? null : s))
    .pipe(multiLine(label, max).nullable());
}

export const PhoneSchema = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{5,20}$/, '联系电话格式不正确 (phone: 5–20 digits, + - ( ) and spaces)');

export const EmailSchema = z.string().trim().max(254, '邮箱过长 (email too long)').pipe(z.email('邮箱格式不正确 (invalid email)'));

export const IdSchema = z.string().regex(/^[0-9a-f-]{36}$/, '编号格式不正确 (malformed id)');
