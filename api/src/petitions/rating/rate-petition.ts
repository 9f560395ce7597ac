// 第十三条: the submitter rates an answered petition once — 满意/一般/不满意 and 1–5 stars for service
// quality, attitude and efficiency. Whether the answer came on time is stored beside the rating.
import { PETITION_LIMITS as L, PETITION_POLICY as P, SATISFACTION_KEYS } from '@zone/schemas';
import { z } from 'zod';
import type { Actor } from '../../auth/actor.ts';
import { shanghaiDate } from '../../clock/shanghai-time.ts';
import { BadUserInputError, ConflictError } from '../../errors/index.ts';
import type { PetitionDeps } from '../deps.ts';
import { DEDUPE, newEvent } from '../timeline/events.ts';
import { runCommand, wrongStatus } from '../store/run-command.ts';
import { optionalMultiLine } from '../validation/text-fields.ts';

const stars = (label: string) =>
  z
    .number()
    .int(`${label}须为整数星级 (whole stars)`)
    .min(P.starsMin, `${label}为 ${P.starsMin}–${P.starsMax} 星 (${P.starsMin}–${P.starsMax} stars)`)
    .max(P.starsMax, `${label}为 ${P.starsMin}–${P.starsMax} 星 (${P.starsMin}–${P.starsMax} stars)`);

export const RatingInputSchema = z.object({
  satisfaction: z.enum(SATISFACTION_KEYS),
  serviceQuality: stars('服务质量'),
  attitude: stars('服务态度'),
  efficiency: stars('服务效率'),
  comment: optionalMultiLine('评价意见', L.explanationMaxChars),
});

export function ratePetition(deps: PetitionDeps, actor: Actor | null, id: string, rating: unknown) {
  const r = BadUserInputError.parse(RatingInputSchema, rating, ['rating']);
  return runCommand(deps, actor, ['enterprise', 'individual'], id, (p, ctx) => {
    if (p.status === 'rated') throw new ConflictError('该诉求已评价，每件诉求只能评价一次 (already rated)');
    if (p.status !== 'answered') throw wrongStatus(p, '评价');
    // 第十三条: after 5 working days an on-time answer is 满意 by default, even before the sweeper
    // records it; a late answer's window closes without a default.
    if (shanghaiDate(ctx.now) > p.ratingDueOn) {
      const closed = p.answer.onTime ? '视作满意' : '逾期答复不计默认评价';
      throw new ConflictError(`评价期已于 ${p.ratingDueOn} 结束，${closed} (the rating window has closed)`, { ratingDueOn: p.ratingDueOn });
    }
    return [
      newEvent(
        'rated',
        { petitionId: p.id, at: ctx.nowIso, actor: { role: ctx.actor.role, id: ctx.actor.id }, dedupeKey: DEDUPE.rating },
        { ...r, isDefault: false, onTime: p.answer.onTime },
      ),
    ];
  });
}
