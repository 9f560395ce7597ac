import { Routes, Route } from 'react-router-dom';
import { Page } from '@strapi/strapi/admin';
import { StaffSessionProvider } from '../session/StaffSession';
import { HotlineConsole } from '../hotline/HotlineConsole';
import { Home } from './Home';
import { RequireRole } from './RequireRole';

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
      <Route path="*" element={<Page.Error />} />
    </Routes>
  </StaffSessionProvider>
);
