// The composition root of a request's context: the foundation's members (graphql/context.ts) and
// the ones the features declared there (the working calendar, the search-gap recorder).
import type { Actor } from './auth/actor.ts';
import type { WorkingCalendar } from './calendar/working-calendar.ts';
import type { ApiContext, ApiServices, RequestInfo } from './graphql/context.ts';
import { createSearchGapRecorder } from './search-gaps/index.ts';

export function buildContext(services: ApiServices, actor: Actor | null, request?: Partial<RequestInfo>): ApiContext {
  let calendar: Promise<WorkingCalendar> | undefined;
  const info: RequestInfo = {
    requestId: request?.requestId ?? 'internal',
    clientId: request?.clientId ?? 'internal',
    staff: request?.staff ?? false,
    logger: request?.logger ?? services.logger,
  };
  return {
    actor,
    services,
    calendar: () => (calendar ??= services.petitions.calendar()),
    request: info,
    rateLimit: (cost) => (info.staff ? services.staffSearchLimiter : services.searchLimiter).take(info.clientId, cost),
    searchGaps: createSearchGapRecorder({ db: services.db, clock: services.clock, logger: info.logger, sessionId: request?.sessionId }),
  };
}
