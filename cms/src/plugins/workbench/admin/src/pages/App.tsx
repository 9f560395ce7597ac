import { Routes, Route } from 'react-router-dom';
import { Page } from '@strapi/strapi/admin';
import { StaffSessionProvider } from '../session/StaffSession';
import { CalendarScreen } from '../calendar/CalendarScreen';
import { HotlineConsole } from '../hotline/HotlineConsole';
import { MessagesScreen } from '../messages/MessagesScreen';
import { ReportScreen } from '../report/ReportScreen';
import { ReviewScreen } from '../review/ReviewScreen';
import { PetitionPage } from '../petitions/PetitionPage';
import { PetitionQueues } from '../petitions/PetitionQueues';
import type { Screen } from '../screens';
import { Home } from './Home';
import { RequireRole } from './RequireRole';

const PETITION_SCREENS: Screen['id'][] = ['petitions', 'inbox', 'leader'];

export const App = () => (
  <StaffSessionProvider>
    <Routes>
      <Route index element={<Home />} />
      <Route
        path="hotline"
        element={
          <RequireRole screen="hotline">
            <HotlineConsole />
          </RequireRole>
        }
      />
      <Route
        path="petitions"
        element={
          <RequireRole screen={PETITION_SCREENS}>
            <PetitionQueues />
          </RequireRole>
        }
      />
      <Route
        path="petition/:id"
        element={
          <RequireRole screen={PETITION_SCREENS}>
            <PetitionPage />
          </RequireRole>
        }
      />
      <Route
        path="calendar"
        element={
          <RequireRole screen="calendar">
            <CalendarScreen />
          </RequireRole>
        }
      />
      <Route
        path="report"
        element={
          <RequireRole screen="report">
            <ReportScreen />
          </RequireRole>
        }
      />
      <Route
        path="messages"
        element={
          <RequireRole screen="messages">
            <MessagesScreen />
          </RequireRole>
        }
      />
      <Route
        path="review"
        element={
          <RequireRole screen="review">
            <ReviewScreen />
          </RequireRole>
        }
      />
      <Route path="*" element={<Page.Error />} />
    </Routes>
  </StaffSessionProvider>
);
