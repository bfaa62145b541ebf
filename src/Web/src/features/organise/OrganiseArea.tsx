import { Route, Routes } from 'react-router';
import { AreaFrame } from '../../ui/console/AreaFrame';
import { peopleRoutes } from './people/routes';
import { campaignRoutes } from './campaigns/routes';

/** The organiser's console (/organise/*): applications, members, campaigns and their actions, messages. */
export function OrganiseArea() {
  return (
    <Routes>
      <Route element={<AreaFrame label="Organise" who="organisers" roles={['ORGANISER', 'ADMIN']} pages={[
        { to: '/organise', label: 'Applications', end: true },
        { to: '/organise/members', label: 'Members' },
        { to: '/organise/campaigns', label: 'Campaigns' },
        { to: '/organise/messages', label: 'Messages' },
      ]} />}>
        {peopleRoutes}
        {campaignRoutes}
      </Route>
    </Routes>
  );
}
