// The answer card: the 口径 to read out, who is responsible and their phone, the badges of the
// item the card cites, and its sources. A fixed-height area, so nothing below it moves while typing.
import { Badge, Box, Flex, Loader, Typography } from '@strapi/design-system';
import { useT } from '../utils/getTrad';
import type { AnswerCardData, Validity } from './queries';

export type CardState =
  | { status: 'idle' }
  | { status: 'loading'; previous: AnswerCardData | null }
  | { status: 'ready'; card: AnswerCardData | null }
  | { status: 'error'; message: string };

export const CARD_HEIGHT = '32rem';

/** The Asia/Shanghai date of an instant (the item's published revision). */
const shanghaiDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

const VALIDITY_STYLE: Record<Validity, { textColor: string; backgroundColor: string }> = {
  VALID: { textColor: 'success700', backgroundColor: 'success100' },
  EXPIRED: { textColor: 'warning700', backgroundColor: 'warning100' },
  REPEALED: { textColor: 'danger700', backgroundColor: 'danger100' },
};

export function AnswerCard({ state }: { state: CardState }) {
  const t = useT();
  const card = state.status === 'ready' ? state.card : state.status === 'loading' ? state.previous : null;

  return (
    <Box
      tag="section"
      aria-label={t('hotline.card.label')}
      aria-busy={state.status === 'loading'}
      background="neutral0"
      padding={6}
      hasRadius
      shadow="tableShadow"
      height={CARD_HEIGHT}
      overflow="auto"
    >
      {state.status === 'idle' ? (
        <Typography variant="omega" textColor="neutral500">
          {t('hotline.card.idle')}
        </Typography>
      ) : state.status === 'error' ? (
        <Typography variant="omega" textColor="danger600" role="alert">
          {t('hotline.card.error', { message: state.message })}
        </Typography>
      ) : card === null ? (
        state.status === 'loading' ? (
          <Loader small>{t('hotline.card.loading')}</Loader>
        ) : (
          <Flex direction="column" alignItems="flex-start" gap={3}>
            <Typography variant="beta" tag="h2">
              {t('hotline.card.none.title')}
            </Typography>
            <Typography variant="omega">{t('hotline.card.none.hint')}</Typography>
          </Flex>
        )
      ) : (
        <Flex direction="column" alignItems="stretch" gap={4}>
          {card.review?.warning ? (
            <Box background="warning100" padding={3} hasRadius role="alert">
              <Typography textColor="warning700" fontWeight="bold">
                {t('hotline.card.reviewWarning')}
              </Typography>
            </Box>
          ) : null}
          <Typography variant="sigma" textColor="neutral600">
            {t('hotline.card.readOut')}
          </Typography>
          <Typography variant="alpha" tag="p" aria-label={t('hotline.card.readOut')}>
            {card.readOut}
          </Typography>
          <Typography variant="delta" tag="h2" textColor="neutral700">
            {card.title}
          </Typography>
          {card.department ? (
            <Typography variant="epsilon" tag="p">
              {t('hotline.card.department', { name: card.department.name, phone: card.department.phone ?? t('hotline.card.noPhone') })}
            </Typography>
          ) : null}
          <Flex gap={2} wrap="wrap">
            {card.badges.maxAmount !== null ? <Badge>{t('hotline.badge.amount', { amount: card.badges.maxAmount })}</Badge> : null}
            {card.badges.applicationEnd ? (
              <Badge {...(card.badges.applicationOpen === false ? VALIDITY_STYLE.EXPIRED : {})}>
                {t(card.badges.applicationOpen === false ? 'hotline.badge.windowClosed' : 'hotline.badge.deadline', { date: card.badges.applicationEnd })}
              </Badge>
            ) : null}
            <Badge {...VALIDITY_STYLE[card.badges.validity]}>{t(`validity.${card.badges.validity}`)}</Badge>
          </Flex>
          <Box>
            <Typography variant="sigma" textColor="neutral600">
              {t('hotline.card.sources')}
            </Typography>
            {card.sourceItems.map((item) => {
              const cited = card.citations?.find((c) => c.documentId === item.documentId);
              return (
                <Typography key={item.documentId} tag="p" variant="omega">
                  {t('hotline.card.sourceItem', { code: item.itemCode ?? '', title: item.title, validity: t(`validity.${card.badges.validity}`) })}
                  {cited?.version
                    ? ` · ${t(cited.current === false ? 'hotline.card.citedOutdated' : 'hotline.card.citedVersion', { date: shanghaiDay(cited.version) })}`
                    : ''}
                </Typography>
              );
            })}
            {card.sourcePolicy ? (
              <Typography tag="p" variant="omega">
                {t('hotline.card.sourcePolicy', { title: card.sourcePolicy.title })}
              </Typography>
            ) : null}
          </Box>
        </Flex>
      )}
    </Box>
  );
}
