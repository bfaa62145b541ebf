import { Navigate, Route, Routes } from 'react-router';
import { AreaFrame, useHasRole } from '../../ui/console/AreaFrame';
import { peopleRoutes } from './people/routes';
import { campaignRoutes } from './campaigns/routes';

/**
 * The organiser's console (/organise/*): applications, members, campaigns and their actions, messages. A campaign
 * organiser who organises no branch gets the campaign screens only (the campaigns they run, a campaign's page, at
 * the action); the branch screens need ORGANISER.
 */
export function OrganiseArea() {
  const branches = useHasRole('ORGANISER', 'ADMIN');
  return (
    <Routes>
      <Route element={<AreaFrame label="Organise" who="organisers" roles={['ORGANISER', 'CAMPAIGN_ORGANISER', 'ADMIN']} pages={branches ? [
        { to: '/organise', label: 'Applications', end: true },
        { to: '/organise/members', label: 'Members' },
        { to: '/organise/campaigns', label: 'Campaigns' },
        { to: '/organise/messages', label: 'Messages' },
      ] : [{ to: '/organise/campaigns', label: 'Campaigns' }]} />}>
        {branches ? peopleRoutes : [
          <Route key="index" index element={<Navigate to="/organise/campaigns" replace />} />,
          <Route key="branch" path="*" element={<BranchOnly />} />,
        ]}
        {campaignRoutes}
      </Route>
    </Routes>
  );
}

/** A branch screen opened by a campaign organiser who organises no branch. */
function BranchOnly() {
  return (
    <>
      <title>Organise · Workers Power</title>
      <h1>Organise</h1>
      <p className="alert" role="alert">This part is for organisers of a branch. You run campaigns: find the campaigns you run under Campaigns.</p>
    </>
  );
}
