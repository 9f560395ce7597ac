// 第六条: what a petition records at intake, validated field by field.
import {
  PETITION_CHANNEL_KEYS,
  PETITION_LIMITS as L,
  SUBMITTER_KIND_KEYS,
  TOPIC_KEYS,
  usccProblem,
  type UsccProblem,
} from '@zone/schemas';
import { z } from 'zod';
import { EmailSchema, PhoneSchema, multiLine, singleLine } from '../validation/text-fields.ts';

const USCC_MESSAGES: Record<UsccProblem, string> = {
  length: '统一社会信用代码应为 18 位 (a USCC has 18 characters)',
  charset: '统一社会信用代码含有无效字符，不使用 I、O、Z、S、V (invalid character for GB 32100-2015)',
  check_character: '统一社会信用代码校验位错误，请核对后重新输入 (the check character does not match GB 32100-2015)',
};

export const AttachmentInputSchema = z.object({
  name: singleLine('附件名称', L.nameMaxChars),
  ref: singleLine('附件引用', L.attachmentRefMaxChars).refine(
    (r) => /^(https:\/\/|files:)[^\s]+$/.test(r),
    '附件引用须为 https:// 地址或 files: 存储键 (ref must be an https URL or a files: key)',
  ),
});
export const AttachmentsSchema = z
  .array(AttachmentInputSchema)
  .max(L.attachmentsMax, `附件最多 ${L.attachmentsMax} 个 (at most ${L.attachmentsMax} attachments)`)
  .nullish()
  .transform((a) => a ?? []);

export const SubmitInputSchema = z
  .object({
    channel: z.enum(PETITION_CHANNEL_KEYS),
    receivedAt: z.iso.datetime({ offset: true }).nullish(),
    submitter: z.object({
      kind: z.enum(SUBMITTER_KIND_KEYS),
      name: singleLine('提交人名称', L.nameMaxChars),
      uscc: z
        .string()
        .nullish()
        .transform((s) => (s === undefined || s === null || s.trim() === '' ? null : s.trim().toUpperCase())),
    }),
    contact: z.object({
      name: singleLine('联系人', L.nameMaxChars),
      phone: PhoneSchema.nullish().transform((v) => v ?? null),
      email: EmailSchema.nullish().transform((v) => v ?? null),
    }),
    topic: z.enum(TOPIC_KEYS),
    title: singleLine('标题', L.titleMaxChars),
    content: multiLine('诉求内容', L.contentMaxChars),
    attachments: AttachmentsSchema,
  })
  .superRefine((input, ctx) => {
    if (input.submitter.kind === 'enterprise') {
      // 第六条 + GB 32100-2015: an enterprise is identified by a valid 统一社会信用代码.
      if (input.submitter.uscc === null) {
        ctx.addIssue({ code: 'custom', path: ['submitter', 'uscc'], message: '企业须填写统一社会信用代码 (uscc is required for enterprises)' });
      } else {
        const problem = usccProblem(input.submitter.uscc);
        if (problem) ctx.addIssue({ code: 'custom', path: ['submitter', 'uscc'], message: USCC_MESSAGES[problem], params: { problem } });
      }
    } else if (input.submitter.uscc !== null) {
      ctx.addIssue({ code: 'custom', path: ['submitter', 'uscc'], message: '个人提交不填写统一社会信用代码 (individuals have no uscc)' });
    }
    if (input.contact.phone === null && input.contact.email === null) {
      ctx.addIssue({ code: 'custom', path: ['contact', 'phone'], message: '请至少填写联系电话或邮箱 (phone or email is required)' });
    }
  });

export type SubmitInput = z.infer<typeof SubmitInputSchema>;

export const IdempotencyKeySchema = z
  .string()
  .regex(
    new RegExp(`^[A-Za-z0-9._:-]{8,${L.idempotencyKeyMaxChars}}$`),
    `幂等键须为 8–${L.idempotencyKeyMaxChars} 位字母数字 (idempotencyKey: 8–${L.idempotencyKeyMaxChars} of A-Z a-z 0-9 . _ : -)`,
  );
