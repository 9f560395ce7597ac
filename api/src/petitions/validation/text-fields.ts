// Field rules for every text an enterprise or staff member types. Each failure names the field
// (the zod path) and says in Chinese what is wrong, with English for developers.
import { z } from 'zod';

/** C0/C1 control characters; multi-line texts may keep tab, line feed and carriage return. */
// Matching control characters is the point of these two patterns.
// eslint-disable-next-line no-control-regex
const CONTROL_ANY = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
// eslint-disable-next-line no-control-regex
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** A tag opening (`<script`, `<img`, `</b`, `<!--`): plain text never needs one; "a < b" still passes. */
const MARKUP = /<\s*\/?\s*[a-zA-Z!?]/;

function charCount(s: string): number {
  return [...s].length;
}

function text(label: string, max: number, multiLine: boolean) {
  const control = multiLine ? CONTROL_MULTILINE : CONTROL_ANY;
  return z
    .string()
    .refine((s) => !control.test(s), `${label}含有控制字符 (control characters are not allowed)`)
    .transform((s) => s.trim())
    .refine((s) => s.length > 0, `${label}不能为空 (must not be empty)`)
    .refine((s) => charCount(s) <= max, `${label}不能超过 ${max} 个字符 (at most ${max} characters)`)
    .refine((s) => !MARKUP.test(s), `${label}不能包含 HTML 标签或脚本 (markup such as <script> is not allowed)`);
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
