import type { ReactElement } from 'react';
import { Route } from 'react-router';
import { ApplicationsPage } from './ApplicationsPage';
import { ApplicationPage } from './ApplicationPage';
import { MembersPage } from './MembersPage';
import { MemberPage } from './MemberPage';
import { MessagesPage } from './MessagesPage';

/** The organiser's console: applications (the index), members and a member's page, messages. */
export const peopleRoutes: ReadonlyArray<ReactElement> = [
  <Route key="applications" index element={<ApplicationsPage />} />,
  <Route key="application" path="applications/:id" element={<ApplicationPage />} />,
  <Route key="members" path="members" element={<MembersPage />} />,
  <Route key="member" path="members/:id" element={<MemberPage />} />,
  <Route key="messages" path="messages" element={<MessagesPage />} />,
];
