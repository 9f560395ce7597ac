// 第十条: an answer cites policy items with the revision it relied on. `current` tells the office (and
// the hotline reading the answer out) whether the index still publishes that revision: false once the
// item is revised, expired or withdrawn — the answer is then not to be read out unchecked.
import type { ApiContext } from '../../graphql/context.ts';
import { SearchUnavailableError } from '../../errors/index.ts';
import { searchPolicyCatalog } from '../handling/policy-catalog.ts';
import { loadTimeline } from '../queries/get-petition.ts';
import type { FinalAnswer } from '../state/petition-state.ts';

/** The FinalAnswer GraphQL parent: the answer with the petition it belongs to. */
export type FinalAnswerParent = FinalAnswer & { petitionId: string };

export interface CitationView {
  id: string;
  version: string | null;
  current: boolean | null;
}

export async function citationsOf(answer: FinalAnswerParent, ctx: ApiContext): Promise<CitationView[]> {
  const events = await loadTimeline(ctx.services.db, answer.petitionId);
  const answered = events.filter((e) => e.type === 'answered').at(-1);
  const recorded =
    answered?.type === 'answered'
      ? (answered.payload.citations ?? answered.payload.policyIds.map((id) => ({ id, version: null })))
      : answer.policyIds.map((id) => ({ id, version: null }));
  if (recorded.length === 0) return [];
  let now: Map<string, string> | null;
  try {
    now = await searchPolicyCatalog(ctx.services.search).versions(recorded.map((c) => c.id));
  } catch (err) {
    // The answer stays readable when the index is down; whether it is current is then unknown.
    if (!(err instanceof SearchUnavailableError)) throw err;
    now = null;
  }
  return recorded.map((c) => ({ id: c.id, version: c.version, current: now === null || c.version === null ? null : now.get(c.id) === c.version }));
}
