// The workbench home: who is signed in, in which role, and the screens of that role.
import { Link as RouterLink } from 'react-router-dom';
import { Box, Flex, Link, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { UnreadBadge } from '../messages/UnreadBadge';
import { screensFor } from '../screens';
import { useStaffSession } from '../session/StaffSession';
import { useT } from '../utils/getTrad';

export function Home() {
  const t = useT();
  const state = useStaffSession();
  if (state.status === 'loading') return <Page.Loading />;
  return (
    <Page.Main>
      <Page.Title>{t('plugin.name')}</Page.Title>
      <Layouts.Header title={t('plugin.name')} subtitle={state.status === 'ready' ? t('home.signedInAs', { name: state.session.name, role: t(`role.${state.session.role}`) }) : undefined} />
      <Layouts.Content>
        {state.status === 'ready' ? (
          <Flex direction="column" alignItems="stretch" gap={4}>
            {screensFor(state.session.role).map((screen) => (
              <Box key={screen.id} background="neutral0" padding={6} shadow="tableShadow" hasRadius>
                <Flex gap={2}>
                  <Link tag={RouterLink} to={screen.path}>
                    {t(`screen.${screen.id}.title`)}
                  </Link>
                  {screen.id === 'messages' ? <UnreadBadge /> : null}
                </Flex>
                <Typography tag="p" variant="omega" textColor="neutral600">
                  {t(`screen.${screen.id}.description`)}
                </Typography>
              </Box>
            ))}
            {screensFor(state.session.role).length === 0 ? (
              <Typography variant="omega" textColor="neutral600">
                {t('home.comingSoon')}
              </Typography>
            ) : null}
          </Flex>
        ) : (
          <Typography variant="omega" textColor="danger600">
            {state.status === 'no-role' ? t('session.noRole') : t('session.error', { message: state.message })}
          </Typography>
        )}
      </Layouts.Content>
    </Page.Main>
  );
}
