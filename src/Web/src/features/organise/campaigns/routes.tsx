import type { ReactElement } from 'react';
import { Route } from 'react-router';
import { CampaignsListPage } from './CampaignsListPage';
import { CampaignDetailPage } from './CampaignDetailPage';
import { AtTheActionPage } from './AtTheActionPage';
import './campaigns.css';

/** The organiser's console: campaigns, their actions, and the at-the-action screen. */
export const campaignRoutes: ReadonlyArray<ReactElement> = [
  <Route key="campaigns" path="campaigns" element={<CampaignsListPage />} />,
  <Route key="campaign" path="campaigns/:slug" element={<CampaignDetailPage />} />,
  <Route key="action" path="actions/:id" element={<AtTheActionPage />} />,
];
