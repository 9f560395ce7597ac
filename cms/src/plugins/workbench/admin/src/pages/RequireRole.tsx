// A screen renders only for the roles it serves; everyone else is told why.
import * as React from 'react';
import { Box, Typography } from '@strapi/design-system';
import { Page } from '@strapi/strapi/admin';
import { SCREENS, type Screen } from '../screens';
import { useStaffSession } from '../session/StaffSession';
import { useT } from '../utils/getTrad';

export function RequireRole({ screen, children }: { screen: Screen['id'] | Screen['id'][]; children: React.ReactNode }) {
  const t = useT();
  const state = useStaffSession();
  if (state.status === 'loading') return <Page.Loading />;
  if (state.status !== 'ready') {
    return (
      <Box padding={8}>
        <Typography variant="omega" textColor="danger600">
          {state.status === 'no-role' ? t('session.noRole') : t('session.error', { message: state.message })}
        </Typography>
      </Box>
    );
  }
  const ids = Array.isArray(screen) ? screen : [screen];
  const allowed = SCREENS.some((s) => ids.includes(s.id) && s.roles.includes(state.session.role));
  if (!allowed) return <Page.NoPermissions />;
  return <>{children}</>;
}
